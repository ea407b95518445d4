package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcException;
import dev.springipc.core.support.SharedHeader;
import dev.springipc.core.support.SharedMemory;

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
 * power of two. {@code cleared <= head <= tail}: consumers read at {@code head} and hand what
 * they read back to producers later, off the message's critical path; {@code cleared} marks how
 * far. Producers may fill up to {@code cleared + capacity}. The length word at the tail is
 * always zero, so a record is invisible until its commit: in a many-producer ring consumers zero
 * what they hand back, in whole cache lines (a producer claims space before writing anything, so
 * all of it must read as unclaimed); in a single-producer ring the producer zeroes the header
 * after each of its records before committing it, so consumers need zero nothing (they zero only
 * what they copied out of a small ring, for speed: see {@code RingConsumer}).
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
 * <p>
 * The offsets are computed from {@link #CACHE_LINE_LENGTH}; the numbers above are what that
 * gives for 64-byte lines, and the layout version pins them. {@link #check} refuses a header a
 * peer published that no working ring has, {@link #checkIntact} notices one that changed while
 * in use; both name the field.
 */
final class RingDescriptor {

    /** "SIPC" "RNG1" in ASCII. */
    static final long MAGIC = 0x53495043524E4731L;

    /**
     * 2: consumed records are zeroed lazily, behind the {@code cleared} position. 3: single- or
     * many-producer rings, with a producer slot. 4: single- or many-consumer rings. 5: a single
     * producer zeroes the header after each record, and consumers of its ring need zero nothing.
     */
    static final int VERSION = 5;

    /** Cache-line size assumed for the layout (x86-64, most AArch64 parts). */
    static final int CACHE_LINE_LENGTH = 64;

    /**
     * Each group of counters has a block of two cache lines to itself: adjacent-line prefetch
     * fetches lines in pairs, so one line apart would still be shared.
     */
    static final int BLOCK_LENGTH = CACHE_LINE_LENGTH * 2;

    static final int CAPACITY_OFFSET = SharedHeader.LENGTH;

    static final int MAX_MESSAGE_SIZE_OFFSET = CAPACITY_OFFSET + Integer.BYTES;

    static final int MAX_MESSAGES_OFFSET = MAX_MESSAGE_SIZE_OFFSET + Integer.BYTES;

    static final int PRODUCERS_OFFSET = MAX_MESSAGES_OFFSET + Integer.BYTES;

    static final int MANY_PRODUCERS = 0;

    static final int SINGLE_PRODUCER = 1;

    static final int CONSUMERS_OFFSET = PRODUCERS_OFFSET + Integer.BYTES;

    static final int MANY_CONSUMERS = 0;

    static final int SINGLE_CONSUMER = 1;

    /** The producers' block: where the next record goes. */
    static final int TAIL_OFFSET = BLOCK_LENGTH;

    /** Single-producer rings: which handle may send, {@code pid << 32 | token}, 0 if none. */
    static final int PRODUCER_SLOT_OFFSET = TAIL_OFFSET + Long.BYTES;

    /** Single-producer rings: 1 if the producer fences after each commit, 0 if it relies on membarrier. */
    static final int PRODUCER_FENCES_OFFSET = PRODUCER_SLOT_OFFSET + Long.BYTES;

    /** Producers' cached copy of {@link #CLEARED_OFFSET}, so that they rarely read the consumers' line. */
    static final int CLEARED_CACHE_OFFSET = TAIL_OFFSET + BLOCK_LENGTH;

    /** Where consumers read the next record. */
    static final int HEAD_OFFSET = CLEARED_CACHE_OFFSET + BLOCK_LENGTH;

    /** Many-consumer rings: the lock each read takes. Single-consumer rings: the consumer slot. */
    static final int CONSUMER_LOCK_OFFSET = HEAD_OFFSET + BLOCK_LENGTH;

    static final int WAITERS_OFFSET = CONSUMER_LOCK_OFFSET + BLOCK_LENGTH;

    /** The futex word producers bump to wake sleeping consumers. */
    static final int SIGNAL_OFFSET = WAITERS_OFFSET + Integer.BYTES;

    static final int RECLAIMED_OFFSET = WAITERS_OFFSET + BLOCK_LENGTH;

    /** Everything before this position is consumed and zeroed. */
    static final int CLEARED_OFFSET = RECLAIMED_OFFSET + BLOCK_LENGTH;

    /** The record area starts here, on a cache line of its own. */
    static final int HEADER_LENGTH = CLEARED_OFFSET + BLOCK_LENGTH;

    /** Smallest record area; also keeps a 1-message ring from degenerating. */
    static final int MIN_CAPACITY = 1024;

    /** The record area must fit one ByteBuffer with the header. */
    static final int MAX_CAPACITY = 1 << 30;

    private RingDescriptor() {
    }

    /**
     * The record area for {@code maxMessages} records of up to {@code maxMessageSize} bytes:
     * twice their size rounded up to a power of two, so that the full count always fits even with
     * wrap padding and what consumers have not handed back yet.
     */
    static int capacityFor(int maxMessages, int maxMessageSize) {
        long record = RecordDescriptor.alignedLength(maxMessageSize);
        // Twice the messages asked for, and never less than two records plus the line consumers
        // hand back last (the one holding the head) and the header a single producer zeroes
        // after a record: else an empty ring of one such message could refuse one for good.
        long needed = Math.max(maxMessages * record * 2,
                2 * record + CACHE_LINE_LENGTH + RecordDescriptor.HEADER_LENGTH);
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

    /** Writes the fixed fields of a new ring; the creator then publishes the header. */
    static void initialize(ByteBuffer ring, RingSettings settings) {
        ring.putInt(CAPACITY_OFFSET, settings.capacity());
        ring.putInt(MAX_MESSAGE_SIZE_OFFSET, settings.maxMessageSize());
        ring.putInt(MAX_MESSAGES_OFFSET, settings.maxMessages());
        ring.putInt(PRODUCERS_OFFSET, settings.singleProducer() ? SINGLE_PRODUCER : MANY_PRODUCERS);
        ring.putInt(CONSUMERS_OFFSET, settings.singleConsumer() ? SINGLE_CONSUMER : MANY_CONSUMERS);
    }

    /** The fixed fields of a published header, unchecked: {@link #check} them first. */
    static RingSettings settings(ByteBuffer ring) {
        return new RingSettings(ring.getInt(CAPACITY_OFFSET), ring.getInt(MAX_MESSAGE_SIZE_OFFSET),
                ring.getInt(MAX_MESSAGES_OFFSET), ring.getInt(PRODUCERS_OFFSET) == SINGLE_PRODUCER,
                ring.getInt(CONSUMERS_OFFSET) == SINGLE_CONSUMER);
    }

    /**
     * Checks the header a peer published (its magic and version already matched) before
     * trusting it: the fixed fields describe a ring that fits the {@code objectSize}-byte object,
     * and the positions lie where a working ring keeps them.
     * @throws IpcException naming the first field that is wrong
     */
    static void check(ByteBuffer ring, long objectSize, String resource) {
        int capacity = ring.getInt(CAPACITY_OFFSET);
        if (!isValidCapacity(capacity)) {
            throw corrupt(resource, "capacity", capacity,
                    "a power of two from " + MIN_CAPACITY + " to " + MAX_CAPACITY + " bytes");
        }
        if (HEADER_LENGTH + (long) capacity > objectSize) {
            throw corrupt(resource, "capacity", capacity, "an area that fits the object: with the header it needs "
                    + (HEADER_LENGTH + capacity) + " bytes, the object has " + objectSize);
        }
        int maxMessageSize = ring.getInt(MAX_MESSAGE_SIZE_OFFSET);
        if (maxMessageSize < 1 || RecordDescriptor.alignedLength(maxMessageSize) > capacity / 2) {
            throw corrupt(resource, "max message size", maxMessageSize, "1 to "
                    + (capacity / 2 - RecordDescriptor.HEADER_LENGTH) + " bytes for a capacity of " + capacity);
        }
        int maxMessages = ring.getInt(MAX_MESSAGES_OFFSET);
        if (maxMessages < 1) {
            throw corrupt(resource, "max messages", maxMessages, "at least 1");
        }
        int producers = ring.getInt(PRODUCERS_OFFSET);
        if (producers != MANY_PRODUCERS && producers != SINGLE_PRODUCER) {
            throw corrupt(resource, "producers", producers,
                    MANY_PRODUCERS + " for many, " + SINGLE_PRODUCER + " for a single one");
        }
        int consumers = ring.getInt(CONSUMERS_OFFSET);
        if (consumers != MANY_CONSUMERS && consumers != SINGLE_CONSUMER) {
            throw corrupt(resource, "consumers", consumers,
                    MANY_CONSUMERS + " for many, " + SINGLE_CONSUMER + " for a single one");
        }
        checkPositions(ring, capacity, resource);
    }

    /**
     * Checks, while the ring is in use, that its header still says what it said when this handle
     * opened it: for the slow paths (an empty or a full ring), where a few loads cost nothing
     * that matters, so that a header something else wrote into is an error naming the field,
     * not lost messages or a consumer waiting forever.
     * @throws IpcException naming the first field that is wrong
     */
    static void checkIntact(ByteBuffer ring, RingSettings settings, String resource) {
        long magic = SharedMemory.getLongVolatile(ring, SharedHeader.MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw corrupt(resource, "magic", "0x" + Long.toHexString(magic),
                    "it was 0x" + Long.toHexString(MAGIC) + " when this handle opened it");
        }
        checkUnchanged(ring, resource, "version", SharedHeader.VERSION_OFFSET, VERSION);
        checkUnchanged(ring, resource, "capacity", CAPACITY_OFFSET, settings.capacity());
        checkUnchanged(ring, resource, "max message size", MAX_MESSAGE_SIZE_OFFSET, settings.maxMessageSize());
        checkUnchanged(ring, resource, "max messages", MAX_MESSAGES_OFFSET, settings.maxMessages());
        checkUnchanged(ring, resource, "producers", PRODUCERS_OFFSET,
                settings.singleProducer() ? SINGLE_PRODUCER : MANY_PRODUCERS);
        checkUnchanged(ring, resource, "consumers", CONSUMERS_OFFSET,
                settings.singleConsumer() ? SINGLE_CONSUMER : MANY_CONSUMERS);
        checkPositions(ring, settings.capacity(), resource);
    }

    private static void checkUnchanged(ByteBuffer ring, String resource, String field, int offset, int expected) {
        int found = SharedMemory.getIntVolatile(ring, offset);
        if (found != expected) {
            throw corrupt(resource, field, found, "it was " + expected + " when this handle opened it");
        }
    }

    /**
     * The positions of a working ring, read without any lock while producers and consumers move
     * them: {@code cleared} is a multiple of a cache line; the head lies between {@code cleared}
     * and {@code cleared + capacity}; so does the tail, except that a single producer's stored
     * tail may trail the head by the record just read. The loads are ordered so that no legal
     * move between them fails a check: {@code cleared} is read first for the lower bounds (it
     * only grows) and again last for the upper ones (nothing passes {@code cleared + capacity}).
     */
    private static void checkPositions(ByteBuffer ring, int capacity, String resource) {
        long clearedBefore = SharedMemory.getLongVolatile(ring, CLEARED_OFFSET);
        long tail = SharedMemory.getLongVolatile(ring, TAIL_OFFSET);
        long head = SharedMemory.getLongVolatile(ring, HEAD_OFFSET);
        long clearedAfter = SharedMemory.getLongVolatile(ring, CLEARED_OFFSET);
        if (clearedBefore < 0 || (clearedBefore & (CACHE_LINE_LENGTH - 1)) != 0) {
            throw corrupt(resource, "cleared position", clearedBefore,
                    "a multiple of " + CACHE_LINE_LENGTH + ", at least 0");
        }
        if ((tail & (RecordDescriptor.ALIGNMENT - 1)) != 0 || tail < clearedBefore - capacity
                || tail > clearedAfter + capacity) {
            throw corrupt(resource, "tail position", tail, "a multiple of " + RecordDescriptor.ALIGNMENT
                    + " within a capacity (" + capacity + ") of the cleared position " + clearedAfter);
        }
        if ((head & (RecordDescriptor.ALIGNMENT - 1)) != 0 || head < clearedBefore || head > clearedAfter + capacity) {
            throw corrupt(resource, "head position", head, "a multiple of " + RecordDescriptor.ALIGNMENT
                    + " from the cleared position " + clearedBefore + " up to a capacity (" + capacity + ") beyond it");
        }
    }

    private static IpcException corrupt(String resource, String field, Object found, String expected) {
        return new IpcException(resource, null, 0, resource + ": its header is corrupt: " + field + " " + found
                + " (expected " + expected + "); remove it or recreate it");
    }
}
