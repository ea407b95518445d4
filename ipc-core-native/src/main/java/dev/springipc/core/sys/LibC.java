package dev.springipc.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc system calls. Return values are the raw C ones: read errno with
 * {@link Native#getLastError()} only when the return value signals failure, because some
 * successful calls leave a stale errno behind.
 * <p>
 * Variadic C functions ({@code open}) are declared with their full fixed arity, which the
 * Linux x86-64 and AArch64 calling conventions pass identically for integer arguments.
 */
public final class LibC {

    static {
        Native.register(LibC.class, NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    public static native int open(String path, int flags, int mode);

    public static native int close(int fd);

    public static native long read(int fd, Pointer buffer, long count);

    public static native long write(int fd, Pointer buffer, long count);

    public static native int poll(Pointer fds, long nfds, int timeoutMillis);

    public static native int fchmod(int fd, int mode);

    public static native int chmod(String path, int mode);

    /** With {@code AT_EACCESS}: whether the effective ids (and groups) may access {@code path} in {@code mode}. */
    public static native int faccessat(int dirfd, String path, int mode, int flags);

    public static native int ftruncate(int fd, long length);

    /**
     * Moves the descriptor's file offset; with {@code SEEK_END} and offset 0 it returns the
     * file's size: the cheapest size query there is (no buffer to fill, unlike statx).
     */
    public static native long lseek(int fd, long offset, int whence);

    /** Returns an error number directly (not through errno), 0 on success. */
    public static native int posix_fallocate(int fd, long offset, long length);

    public static native Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset);

    public static native int munmap(Pointer address, long length);

    public static native int mkfifo(String path, int mode);

    public static native int unlink(String path);

    public static native int statx(int dirfd, String path, int flags, int mask, Pointer buffer);

    public static native int clock_gettime(int clockId, Pointer timespec);

    public static native int geteuid();

    public static native int getegid();

    public static native int getpid();

    public static native String strerror(int errno);

    /** Fills {@code struct rlimit} (soft, then hard limit, each an unsigned 64-bit {@code rlim_t}). */
    public static native int getrlimit(int resource, Pointer rlimit);

    /** Allocates a descriptor and nothing on disk: the probe of a full descriptor table. */
    public static native int epoll_create1(int flags);

    /** Signal 0 probes whether a process exists: ESRCH means it is gone. */
    public static native int kill(int pid, int signal);

    /** The raw system call, for futex(2), which glibc does not wrap. Variadic in C; see class notes. */
    public static native long syscall(long number, Pointer address, int operation, int value, Pointer timeout,
            Pointer address2, int value3);

    /** The raw system call with three integer arguments, for membarrier(2). */
    public static native long syscall(long number, int command, int flags, int cpuId);
}
