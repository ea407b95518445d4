package dev.springipc.core.sys;

/**
 * membarrier(2), global expedited: one thread issues a full memory barrier on every CPU that
 * runs a thread of a registered process. It makes an asymmetric Dekker handshake possible: the
 * frequent side (a producer committing a record, then checking for sleepers) needs only a
 * compiler barrier, and the rare side (a consumer about to sleep) pays a few microseconds for
 * this call, as Folly's {@code asymmetricHeavyBarrier} and liburcu do.
 */
public final class Membarrier {

    private static final long SYS_MEMBARRIER = "aarch64".equals(System.getProperty("os.arch")) ? 283 : 324;

    private static final int CMD_QUERY = 0;

    private static final int CMD_GLOBAL_EXPEDITED = 1 << 1;

    private static final int CMD_REGISTER_GLOBAL_EXPEDITED = 1 << 2;

    /** Whether the kernel offers both commands (Linux 4.16+, unless a seccomp filter forbids them). */
    private static final boolean SUPPORTED = supported();

    private static volatile boolean registered;

    private Membarrier() {
    }

    private static boolean supported() {
        long commands = LibC.syscall(SYS_MEMBARRIER, CMD_QUERY, 0, 0);
        int needed = CMD_GLOBAL_EXPEDITED | CMD_REGISTER_GLOBAL_EXPEDITED;
        return commands >= 0 && (commands & needed) == needed;
    }

    /**
     * Registers this process, so that other processes' {@link #heavyBarrier()} reaches its
     * threads. Idempotent.
     * @return whether the heavy barrier is available here; if not, the fast side must fence itself
     */
    public static boolean registerProcess() {
        if (registered) {
            return true;
        }
        if (!SUPPORTED) {
            return false;
        }
        synchronized (Membarrier.class) {
            if (!registered) {
                registered = LibC.syscall(SYS_MEMBARRIER, CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0) == 0;
            }
            return registered;
        }
    }

    /**
     * A full memory barrier on every CPU running a thread of a registered process, this one
     * included, before this returns.
     * @return false if the kernel refused (then no barrier was issued)
     */
    public static boolean heavyBarrier() {
        if (!registerProcess()) {
            return false;
        }
        // It cannot fail once registered but for EPERM/EINVAL from a filter: then report it unusable.
        return LibC.syscall(SYS_MEMBARRIER, CMD_GLOBAL_EXPEDITED, 0, 0) == 0;
    }
}
