package dev.springipc.core.sys;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * futex(2) on a 32-bit word in shared memory: sleep while the word holds an expected value, and
 * wake sleepers after changing it. The operations are the non-private ones, which work across
 * processes that map the same memory.
 */
public final class Futex {

    private static final long SYS_FUTEX = "aarch64".equals(System.getProperty("os.arch")) ? 98 : 202;

    private static final int FUTEX_WAIT = 0;

    private static final int FUTEX_WAKE = 1;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Futex() {
    }

    /**
     * Sleeps while {@code *word == expected}, at most {@code nanos}. Returns normally on a wake-up,
     * a timeout, a signal or a changed value: callers re-check their condition in a loop.
     * @param timespec scratch memory for the relative timeout, with {@code view} over it
     */
    public static void await(Pointer word, int expected, long nanos, Pointer timespec, ByteBuffer view)
            throws NativeError {
        view.putLong(0, nanos / NANOS_PER_SECOND);
        view.putLong(8, nanos % NANOS_PER_SECOND);
        if (LibC.syscall(SYS_FUTEX, word, FUTEX_WAIT, expected, timespec, null, 0) < 0) {
            int errno = Native.getLastError();
            if (errno != Errno.EAGAIN && errno != Errno.ETIMEDOUT && errno != Errno.EINTR) {
                throw new NativeError("futex", errno);
            }
        }
    }

    /**
     * Wakes one process or thread sleeping on {@code word}, as glibc's {@code sem_post} does
     * after adding a token.
     */
    public static void wakeOne(Pointer word) throws NativeError {
        Sys.check(LibC.syscall(SYS_FUTEX, word, FUTEX_WAKE, 1, null, null, 0), "futex");
    }

    /** Wakes every process and thread sleeping on {@code word}. */
    public static void wakeAll(Pointer word) throws NativeError {
        Sys.check(LibC.syscall(SYS_FUTEX, word, FUTEX_WAKE, Integer.MAX_VALUE, null, null, 0), "futex");
    }
}
