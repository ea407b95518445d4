package dev.springipc.core.sync;

/**
 * Layout of an {@code IpcSpinLock} object: the lock word has a cache line of its own.
 *
 * <pre>
 *  0        16         64                         72            80           128
 *  +--------+----------+--------------------------+-------------+------------+
 *  | header | (free)   | lock word: pid<<32 | tag | takeovers   | (free)     |
 *  +--------+----------+--------------------------+-------------+------------+
 * </pre>
 * The lock word is an {@code OwnerWord}: 0 when free; otherwise the holder's pid in the high 32
 * bits and a tag for the holding thread in the low 32 bits.
 */
final class SpinLockDescriptor {

    /** "SIPC" "SPN1" in ASCII. */
    static final long MAGIC = 0x5349504353504E31L;

    static final int VERSION = 1;

    static final int LOCK_WORD_OFFSET = 64;

    static final int TAKEOVERS_OFFSET = LOCK_WORD_OFFSET + Long.BYTES;

    static final int LENGTH = 128;

    private SpinLockDescriptor() {
    }
}
