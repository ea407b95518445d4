package dev.springipc.core.ring;

/**
 * Layout of a shm ring object: a 1 KiB header of counters, each on its own 128-byte block so
 * that producers, consumers and the idle machinery never share a cache line (128, not 64,
 * because adjacent-line prefetch pairs lines), followed by the record area.
 *
 * <pre>
 *  0      16        20           24            28         32         128   136           144             256            384    512            640       644     768         896
 *  +------+---------+------------+-------------+----------+----------+-----+-------------+---------------+--------------+------+--------------+---------+-------+-----------+---------+
 *  |header|capacity |max message | max messages| producers| consumers| tail| producer    | producer      | cleared cache| head | consumer lock| waiters | signal| reclaimed | cleared |
 *  |      |(bytes)  |size        |             | (int)    | (int)    |     | slot (long) | fences (int)  |(producers)   |      | or slot      |(int)    | (int) | (long)    |         |
 *  +------+---------+------------+-------------+----------+----------+-----+-------------+---------------+--------------+------+--------------+---------+-------+-----------+---------+
 *  1024                                                       1024 + capacity
 *  +----------------------------------------------------------+
 *  | records: [length:int][type:int][payload][pad to 8]  ...  |
 *  +----------------------------------------------------------+
 * </pre>
 * Positions grow forever; the index in the record area is the position modulo the capacity, a
 * power of two. {@code cleared <= head <= tail}: consumers read at {@code head}; what they read
 * is zeroed later, off the message's critical path, and {@code cleared} marks how far. Producers
 * may fill up to {@code cleared + capacity}, so every byte from the tail to there is zero.
 * <p>
 * {@code producers} is {@link #MANY_PRODUCERS} or {@link #SINGLE_PRODUCER}, fixed at creation. A
 * single-producer ring has a producer slot holding {@code pid << 32 | handle token} of the one
 * handle allowed to send, and {@code producer fences}: 1 if that producer fences after each
 * commit (membarrier(2) is unavailable to it), so that sleeping consumers need no heavy barrier.
 * <p>
 * {@code consumers} is {@link #MANY_CONSUMERS} or {@link #SINGLE_CONSUMER}, fixed at creation.
 * Many consumers take the consumer lock ({@code pid << 32 | thread id}) for each read; on a
 * single-consumer ring the same word is the consumer slot, held by the one handle allowed to
 * receive ({@code pid << 32 | handle token}) from its first receive until it closes.
 */
final class RingDescriptor {

    /** "SIPC" "RNG1" in ASCII. */
    static final long MAGIC = 0x53495043524E4731L;

    /**
     * 2: consumed records are zeroed lazily, behind the {@code cleared} position. 3: single- or
     * many-producer rings, with a producer slot. 4: single- or many-consumer rings.
     */
    static final int VERSION = 4;

    static final int CAPACITY_OFFSET = 16;

    static final int MAX_MESSAGE_SIZE_OFFSET = 20;

    static final int MAX_MESSAGES_OFFSET = 24;

    static final int PRODUCERS_OFFSET = 28;

    static final int MANY_PRODUCERS = 0;

    static final int SINGLE_PRODUCER = 1;

    static final int CONSUMERS_OFFSET = 32;

    static final int MANY_CONSUMERS = 0;

    static final int SINGLE_CONSUMER = 1;

    static final int TAIL_OFFSET = 128;

    /** Single-producer rings: which handle may send, {@code pid << 32 | token}, 0 if none. */
    static final int PRODUCER_SLOT_OFFSET = 136;

    /** Single-producer rings: 1 if the producer fences after each commit, 0 if it relies on membarrier. */
    static final int PRODUCER_FENCES_OFFSET = 144;

    /** Producers' cached copy of {@link #CLEARED_OFFSET}, so that they rarely read the consumers' line. */
    static final int CLEARED_CACHE_OFFSET = 256;

    /** Where consumers read the next record. */
    static final int HEAD_OFFSET = 384;

    /** Many-consumer rings: the lock each read takes. Single-consumer rings: the consumer slot. */
    static final int CONSUMER_LOCK_OFFSET = 512;

    static final int WAITERS_OFFSET = 640;

    /** The futex word producers bump to wake sleeping consumers. */
    static final int SIGNAL_OFFSET = 644;

    static final int RECLAIMED_OFFSET = 768;

    /** Everything before this position is consumed and zeroed. */
    static final int CLEARED_OFFSET = 896;

    static final int HEADER_LENGTH = 1024;

    /** Smallest record area; also keeps a 1-message ring from degenerating. */
    static final int MIN_CAPACITY = 1024;

    /** The record area must fit one ByteBuffer with the header. */
    static final int MAX_CAPACITY = 1 << 30;

    private RingDescriptor() {
    }

    /**
     * The record area for {@code maxMessages} records of up to {@code maxMessageSize} bytes:
     * rounded up to a power of two, so that the full count always fits even with wrap padding.
     */
    static int capacityFor(int maxMessages, int maxMessageSize) {
        long needed = (long) maxMessages * RecordDescriptor.alignedLength(maxMessageSize) * 2;
        if (needed > MAX_CAPACITY) {
            throw new IllegalArgumentException(maxMessages + " messages of up to " + maxMessageSize
                    + " bytes need more than the " + MAX_CAPACITY + " bytes a ring may have");
        }
        int capacity = MIN_CAPACITY;
        while (capacity < needed) {
            capacity <<= 1;
        }
        return capacity;
    }

    /** Checks a capacity read from a peer's header before trusting it. */
    static boolean isValidCapacity(int capacity) {
        return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && Integer.bitCount(capacity) == 1;
    }
}
