package dev.springipc.core.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The signal that wakes one thread out of a blocking system call with {@code EINTR}: the one the
 * JDK's own NIO uses to interrupt threads blocked in channel I/O ({@code sun.nio.ch.NativeThread},
 * {@code SIGRTMAX - 2} on Linux). The JDK installs a handler that does nothing and leaves out
 * {@code SA_RESTART}, so the signal cuts a call short and is otherwise harmless. We install no
 * handler of our own: we only check that the JDK's is in place before ever sending it, because
 * the default action of a real-time signal ends the process.
 */
public final class WakeSignal {

    /** {@code sigaction.sa_flags} bit: the call is restarted instead of failing with EINTR. */
    private static final int SA_RESTART = 0x10000000;

    /** glibc's {@code struct sigaction}: handler (8), sigset (128), flags (4), restorer (8); padded. */
    private static final int SIGACTION_SIZE = 256;

    private static final int OFFSET_FLAGS = 8 + 128;

    /** {@code SIG_DFL} is 0 and {@code SIG_IGN} is 1: neither interrupts a call. */
    private static final long SIG_IGN = 1;

    static {
        Native.register(WakeSignal.class, NativeLibrary.getInstance("c"));
    }

    private static final int SIGNAL = __libc_current_sigrtmax() - 2;

    private WakeSignal() {
    }

    private static native int __libc_current_sigrtmax();

    private static native int sigaction(int signal, Memory action, Memory previous);

    private static native int gettid();

    private static native int tgkill(int processId, int threadId, int signal);

    /**
     * Whether the signal's handler is one that interrupts system calls: installed, and without
     * {@code SA_RESTART}. Loads the JDK class that installs it first.
     */
    public static boolean interruptsCalls() {
        try {
            Class.forName("sun.nio.ch.NativeThread", true, ClassLoader.getSystemClassLoader());
        }
        catch (ClassNotFoundException | LinkageError absent) {
            // Another JDK layout: the check below tells whether some handler is there anyway.
        }
        try (Memory current = new Memory(SIGACTION_SIZE)) {
            current.clear();
            if (sigaction(SIGNAL, null, current) != 0) {
                return false;
            }
            long handler = current.getLong(0);
            return handler > SIG_IGN && (current.getInt(OFFSET_FLAGS) & SA_RESTART) == 0;
        }
    }

    /** The kernel's id of the calling thread, the target of {@link #send}. */
    public static int currentThreadId() {
        return gettid();
    }

    /** Sends the signal to thread {@code threadId} of this process; false if it is gone. */
    public static boolean send(int threadId) {
        return tgkill(LibC.getpid(), threadId, SIGNAL) == 0;
    }
}
