package dev.springipc.core.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * The process's resource limits ({@code getrlimit}) that IPC objects count against, read when
 * an error needs explaining. Reads them without opening a file: at EMFILE there is no
 * descriptor left to read {@code /proc/self/limits} with.
 */
public final class ResourceLimits {

    /** Open descriptors of the process ({@code ulimit -n}); 7 on x86-64 and AArch64. */
    public static final int RLIMIT_NOFILE = 7;

    /** Bytes of POSIX message queues of the real user ({@code ulimit -q}); 12 on x86-64 and AArch64. */
    public static final int RLIMIT_MSGQUEUE = 12;

    /** What {@link #soft} and {@link #hard} return for {@code RLIM_INFINITY} or a failed call. */
    public static final long UNKNOWN = -1;

    private static final int EPOLL_CLOEXEC = Sys.O_CLOEXEC;

    private ResourceLimits() {
    }

    /** The soft (enforced) limit, or {@link #UNKNOWN}. */
    public static long soft(int resource) {
        return read(resource, 0);
    }

    /** The hard limit (the most the soft one may be raised to without privilege), or {@link #UNKNOWN}. */
    public static long hard(int resource) {
        return read(resource, Long.BYTES);
    }

    /**
     * Whether the process has no descriptor free: a probe that allocates one (an epoll instance,
     * closed at once). It tells EMFILE for RLIMIT_NOFILE from the EMFILE with which
     * {@code mq_open} reports RLIMIT_MSGQUEUE used up.
     */
    public static boolean descriptorTableFull() {
        int fd = LibC.epoll_create1(EPOLL_CLOEXEC);
        if (fd >= 0) {
            LibC.close(fd);
            return false;
        }
        return Native.getLastError() == Errno.EMFILE;
    }

    private static long read(int resource, int offset) {
        // Not the thread's scratch struct: an error path may still hold views of it.
        try (Memory rlimit = new Memory(2 * Long.BYTES)) {
            if (LibC.getrlimit(resource, rlimit) != 0) {
                return UNKNOWN;
            }
            long value = rlimit.getLong(offset);
            // RLIM_INFINITY is all ones, which reads as -1 too.
            return (value < 0) ? UNKNOWN : value;
        }
    }
}
