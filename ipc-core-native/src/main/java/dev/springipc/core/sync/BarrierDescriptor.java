package dev.springipc.core.sync;

import dev.springipc.core.sys.LibPthread;

/**
 * Layout of an {@code IpcBarrier} object. The state fields change only under the robust mutex;
 * the generation is also the futex word waiters sleep on.
 *
 * <pre>
 *  0        12      16           20        24                28             32           36
 *  +--------+-------+------------+---------+-----------------+--------------+------------+
 *  | header |parties| generation | arrived | broken generation| broken reason| broken pid |
 *  +--------+-------+------------+---------+-----------------+--------------+------------+
 *  64                128
 *  +-----------------+-------------------------------------+
 *  | pthread_mutex_t | pid of each arrived party (int[])   |
 *  +-----------------+-------------------------------------+
 * </pre>
 */
final class BarrierDescriptor {

    /** "SIPC" "BAR1" in ASCII. */
    static final long MAGIC = 0x5349504342415231L;

    static final int VERSION = 1;

    static final int PARTIES_OFFSET = 12;

    static final int GENERATION_OFFSET = 16;

    static final int ARRIVED_OFFSET = 20;

    /** The generation that is broken, or {@link #NOT_BROKEN}. */
    static final int BROKEN_GENERATION_OFFSET = 24;

    static final int BROKEN_REASON_OFFSET = 28;

    static final int BROKEN_PID_OFFSET = 32;

    static final int MUTEX_OFFSET = 64;

    static final int PIDS_OFFSET = MUTEX_OFFSET + LibPthread.MUTEX_SIZE;

    static final int NOT_BROKEN = -1;

    static final int REASON_TIMEOUT = 1;

    static final int REASON_PARTY_DIED = 2;

    static final int REASON_INTERRUPTED = 3;

    static final int REASON_RESET = 4;

    static final int REASON_DIED_IN_CRITICAL_SECTION = 5;

    private BarrierDescriptor() {
    }

    static int length(int parties) {
        return PIDS_OFFSET + parties * Integer.BYTES;
    }

    static int pidOffset(int index) {
        return PIDS_OFFSET + index * Integer.BYTES;
    }

    static String reason(int reason, int pid) {
        return switch (reason) {
            case REASON_TIMEOUT -> "a party timed out waiting";
            case REASON_PARTY_DIED -> "party process " + pid + " died while waiting";
            case REASON_INTERRUPTED -> "a waiting party was interrupted";
            case REASON_RESET -> "the barrier was reset while parties waited";
            case REASON_DIED_IN_CRITICAL_SECTION -> "a process died while updating the barrier";
            default -> "reason " + reason;
        };
    }
}
