package dev.springipc.core.sys;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Constants of the Linux ABI and checked wrappers that turn a C failure return into a
 * {@link NativeError}.
 */
public final class Sys {

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;

    /** lseek: the offset is relative to the end of the file. */
    public static final int SEEK_END = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    /** The one open flag used here whose value differs between x86-64 and AArch64. */
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;

    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    /** Fault the whole mapping in at mmap time (the same value on x86_64 and aarch64). */
    public static final int MAP_POPULATE = 0x8000;

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    public static final int CLOCK_REALTIME = 0;

    private Sys() {
    }

    /** Returns {@code result} when it is not negative, else throws the call's errno. */
    public static int check(int result, String call) throws NativeError {
        if (result < 0) {
            throw new NativeError(call, Native.getLastError());
        }
        return result;
    }

    /** Returns {@code result} when it is not negative, else throws the call's errno. */
    public static long check(long result, String call) throws NativeError {
        if (result < 0) {
            throw new NativeError(call, Native.getLastError());
        }
        return result;
    }

    /** Throws the call's errno when {@code pointer} is null (e.g. {@code SEM_FAILED}). */
    public static Pointer checkNotNull(Pointer pointer, String call) throws NativeError {
        if (pointer == null) {
            throw new NativeError(call, Native.getLastError());
        }
        return pointer;
    }

    public static int pid() {
        return LibC.getpid();
    }

    /**
     * Whether process {@code pid} exists (in this PID namespace). A process of another user still
     * counts: {@code kill(pid, 0)} then fails with EPERM, not ESRCH.
     */
    public static boolean isAlive(int pid) {
        if (pid <= 0) {
            return false;
        }
        return LibC.kill(pid, 0) == 0 || Native.getLastError() != Errno.ESRCH;
    }

    public static int effectiveUid() {
        return LibC.geteuid();
    }

    public static int effectiveGid() {
        return LibC.getegid();
    }
}
