package dev.springipc.core.sync;

import dev.springipc.core.support.SharedHeader;
import dev.springipc.core.sys.LibPthread;

/**
 * Layout of an {@code IpcMutex} object.
 *
 * <pre>
 *  0        16            24             32                40             48      64                128
 *  +--------+-------------+--------------+-----------------+--------------+-------+-----------------+
 *  | header | holder pid  | owner deaths | last death (ms) | last dead pid| (free)| pthread_mutex_t |
 *  +--------+-------------+--------------+-----------------+--------------+-------+-----------------+
 * </pre>
 * The diagnostic fields are written by the holder only, so the mutex itself orders them.
 */
final class MutexDescriptor {

    /** "SIPC" "MUTX" in ASCII. */
    static final long MAGIC = 0x5349504355545831L;

    static final int VERSION = 1;

    static final int HOLDER_PID_OFFSET = SharedHeader.LENGTH;

    static final int OWNER_DEATHS_OFFSET = HOLDER_PID_OFFSET + Long.BYTES;

    static final int LAST_DEATH_MILLIS_OFFSET = OWNER_DEATHS_OFFSET + Long.BYTES;

    static final int LAST_DEAD_PID_OFFSET = LAST_DEATH_MILLIS_OFFSET + Long.BYTES;

    /** 64-byte aligned, so the pthread mutex has a cache line of its own. */
    static final int MUTEX_OFFSET = 64;

    static final int LENGTH = MUTEX_OFFSET + LibPthread.MUTEX_SIZE;

    private MutexDescriptor() {
    }
}
