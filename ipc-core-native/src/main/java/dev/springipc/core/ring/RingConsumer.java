package dev.springipc.core.ring;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.support.CpuCaches;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.Futex;
import dev.springipc.core.sys.Membarrier;
import dev.springipc.core.sys.NativeError;
import org.jspecify.annotations.Nullable;

/**
 * How a queue handle reads records from its ring: {@link LockedConsumer} for a ring of many
 * consumers, which take a short lock for each read, or {@link SoleConsumer} for the one consumer
 * of a single-consumer ring, which takes none. Either reads committed records in place and moves
 * the head with a release store. What was read is handed back to producers later, when idle,
 * by moving the {@code cleared} position that bounds them; in a ring of many producers it is
 * zeroed first, and in a small ring of one producer (which zeroes the header after each record
 * itself) when the reads copied the records out ({@link #zeroesCopies}). A record a producer
 * claimed but never committed (it died) is skipped after the stall timeout and counted.
 * <p>
 * The read methods allocate nothing but {@link #readMessage}'s message.
 */
abstract sealed class RingConsumer permits LockedConsumer, SoleConsumer {

    /** Every this many empty looks at the head (plus one), a spinning consumer checks for stalls. */
    private static final int STALL_CHECK_MASK = 1023;

    /**
     * The most the hand-back may lag behind a busy consumer's head when a read ends. A poll ends
     * after its batch, so a batch of large records is handed back whole (256 of 4 KiB: 1 MiB), as
     * Agrona's consumer zeroes what each read consumed; ending a poll's block at this lag measured
     * as noise (docs/performance.md, fifteenth round). A quarter of a large ring is megabytes:
     * zeroing that much at once stalls the consumer, on lines long gone from its caches. Less
     * than this costs a consumer that keeps up with a full ring: producers then get space in
     * bursts this small, and the two sides take each other's lines at that rhythm
     * ({@code m2o/into/1MiB/1KiB}, median of 24 interleaved runs: 32 KiB gave 0.72x the throughput
     * of 128 KiB; 4 KiB, under half of 32 KiB's).
     */
    static final int MAX_CLEARING_LAG = 128 * 1024;

    /** Longest sleep of a consumer that cannot count on being woken (no membarrier). */
    private static final long MAX_UNSIGNALLED_NAP_NANOS = 1_000_000L;

    /** Nap of a consumer facing a record claimed and not yet committed. */
    private static final long CLAIMED_NAP_NANOS = 50_000L;

    /**
     * {@link #lookAtHead}, {@link #messageRecordAtHead}: nothing is committed at the head now.
     * Its length half is -1 in either byte order, so no committed header (length > 0) equals it.
     */
    private static final long NOTHING = -1L;

    /** {@link #lookAtHead}: enter and take the full path (header check, stall recovery); length 0. */
    private static final long LOOK_INSIDE = 0L;

    final RingArea ring;

    // Copies of the ring's, one load away on the hot path instead of two (RingArea's).

    final ByteBuffer buffer;

    final int capacity;

    final int mask;

    private final int maxMessageSize;

    /**
     * Whether the ring has a single producer, which changes two slow paths and the hand-back: its
     * records become visible whole (nothing stalls), a sleeper must make its unfenced commits
     * visible, and what was read need not be zeroed (that producer zeroes the header after each
     * record itself).
     */
    private final boolean soleProducer;

    /**
     * A single producer's ring at most half a core's level-2 cache: zeroed on hand-back after
     * reads that copied their records out ({@link #copiedOut}). A copy leaves every line of a
     * record shared in this core's cache while the producer's core still holds it, and the
     * producer's next lap over such lines was slower than over lines this consumer had zeroed
     * (o2o/into/64KiB/4KiB: 0.83x Agrona's without, 2.0x with, in the same run). In-place reads
     * are not zeroed after, as a handler may touch only a record's first bytes: zeroing then took
     * lines from the producer that no consumer had touched (o2o/poll/64KiB/4KiB: 1.01x to
     * 0.69x). Nor are rings past the bound, whose lines leave the caches before the next lap:
     * zeroing them only cost the consumer (o2o/into/1MiB/4KiB: 1.09x to 0.68x).
     */
    private final boolean zeroesCopies;

    /**
     * Whether the last read copied its record out ({@link #readInto}, {@link #readMessage}) rather
     * than handing it to a handler in place. Racy between consumer threads of one handle, which is
     * harmless: zeros are correct either way.
     */
    private boolean copiedOut;

    private final long stallTimeoutNanos;

    /** How far behind the head the hand-back may fall while the consumer stays busy. */
    private final int clearingLag;

    /** Counts a spinning consumer's empty looks; racy between consumer threads, which is harmless. */
    private int emptyLooks;

    /** Stall tracking, touched only inside a read. */
    private long stalledPosition = -1;

    private long stalledSince;

    RingConsumer(RingArea ring, long stallTimeoutNanos) {
        this.ring = ring;
        this.buffer = ring.buffer;
        this.capacity = ring.capacity;
        this.mask = ring.mask;
        this.maxMessageSize = ring.maxMessageSize;
        this.soleProducer = ring.settings.singleProducer();
        this.zeroesCopies = this.soleProducer && ring.capacity <= CpuCaches.level2Bytes() / 2;
        this.stallTimeoutNanos = stallTimeoutNanos;
        this.clearingLag = Math.min(ring.capacity / 4, MAX_CLEARING_LAG);
    }

    // ---- what differs between many consumers and one ---------------------------------------

    /** Fails unless the calling thread may read through this handle (or becomes its reader). */
    abstract void checkThread();

    /**
     * Enters a read.
     * @return false if another consumer is inside, or this thread is already (a handler polling)
     */
    abstract boolean tryEnter();

    abstract void leave();

    /**
     * Whether only this handle moves the head: a record seen committed at the head before a read
     * is then still there inside it, and the read need not look again.
     */
    abstract boolean ownsHead();

    /** Where consumers read next. */
    abstract long head();

    /** How far consumers have zeroed. */
    abstract long cleared();

    /** Inside a read: moves the head to {@code head}, with a release store (the record is read). */
    abstract void publishHead(long head);

    /** Inside a read: moves {@code cleared}, with a release store (the bytes before it are zero). */
    abstract void publishCleared(long cleared);

    /** Gives up what this handle holds in the ring for consuming, on close. */
    void release() {
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Hands up to {@code limit} committed records to {@code handler} in place; how many it handled. */
    final int poll(IpcMessageHandler handler, int limit) {
        return poll(handler, limit, false);
    }

    /**
     * As {@link #poll(IpcMessageHandler, int)}; {@code thorough} also checks the header and
     * recovers a stalled record at the head (a waiting receive does so after it slept).
     */
    final int poll(IpcMessageHandler handler, int limit, boolean thorough) {
        if (lookAtHead(thorough) == NOTHING || !tryEnter()) {
            return 0;
        }
        try {
            long head = head();
            int handled = pollInside(handler, limit);
            long newHead = head();
            // A block stops at the end of the area (often on a wrap padding record): go on
            // from index 0, or poll(handler, 1) would return 0 with a message waiting.
            if (handled < limit && newHead != head && ((int) newHead & this.mask) == 0) {
                handled += pollInside(handler, limit - handled);
            }
            return handled;
        }
        finally {
            leave();
        }
    }

    /** One message copied into {@code target}; its length, or -1 if none is committed now. */
    final int readInto(byte[] target, boolean thorough) {
        long seen = lookAtHead(thorough);
        if (seen == NOTHING || !tryEnter()) {
            return -1;
        }
        try {
            long header = messageRecordAtHead(seen);
            if (header == NOTHING) {
                return -1;
            }
            int at = offsetOf(head());
            int length = RecordDescriptor.lengthOf(header);
            int payloadLength = length - RecordDescriptor.HEADER_LENGTH;
            if (payloadLength > target.length) {
                String resource = this.ring.resource;
                throw new IpcMessageTooLargeException(resource, null, Errno.EMSGSIZE, resource
                        + ": the next message has " + payloadLength + " bytes, more than the " + target.length
                        + "-byte target; it stays queued."
                        + " Receive into a buffer of max-message-size (" + this.maxMessageSize + " bytes)");
            }
            this.buffer.get(at + RecordDescriptor.HEADER_LENGTH, target, 0, payloadLength);
            this.copiedOut = true;
            consumeRecordAt(length);
            return payloadLength;
        }
        finally {
            leave();
        }
    }

    /** One message as a new {@link IpcMessage}, or null if none is committed now. */
    final @Nullable IpcMessage readMessage(boolean thorough) {
        long seen = lookAtHead(thorough);
        if (seen == NOTHING || !tryEnter()) {
            return null;
        }
        try {
            long header = messageRecordAtHead(seen);
            if (header == NOTHING) {
                return null;
            }
            int length = RecordDescriptor.lengthOf(header);
            byte[] payload = new byte[length - RecordDescriptor.HEADER_LENGTH];
            this.buffer.get(offsetOf(head()) + RecordDescriptor.HEADER_LENGTH, payload);
            this.copiedOut = true;
            consumeRecordAt(length);
            return IpcMessage.withPriority(payload, RecordDescriptor.typeOf(header));
        }
        finally {
            leave();
        }
    }

    /**
     * A cheap look at the head before entering a read: one load of the head and one acquire load
     * of the record header there (length and type, one 8-byte word). Returns that header if a
     * record is committed there; otherwise {@link #NOTHING}. A record still being written (claimed, length negative) or claimed by a
     * producer that died looks like nothing too, so the full path with stall recovery runs
     * anyway ({@link #LOOK_INSIDE}) when {@code thorough}, and on every 1024th empty look of a
     * busy-spinning consumer; the header is checked then. Looking no further matters for
     * latency: reading the producers' tail line, or taking the lock, while a producer is
     * mid-record would pull lines it is about to write into this core's cache.
     */
    private long lookAtHead(boolean thorough) {
        long head = head();
        long header = SharedMemory.getLongAcquire(this.buffer, offsetOf(head));
        if (RecordDescriptor.lengthOf(header) > 0) {
            return header;
        }
        if (thorough || (++this.emptyLooks & STALL_CHECK_MASK) == 0) {
            this.ring.checkIntact();
            return LOOK_INSIDE;
        }
        if (cleared() < clearable(head)) {
            clearWhileIdle();
        }
        return NOTHING;
    }

    /** Nothing to read: a good moment to zero what was read, off any message's critical path. */
    private void clearWhileIdle() {
        if (tryEnter()) {
            try {
                clearConsumed();
            }
            finally {
                leave();
            }
        }
    }

    private int pollInside(IpcMessageHandler handler, int limit) {
        ByteBuffer area = this.buffer;
        int capacity = this.capacity;
        long head = head();
        int headIndex = (int) head & this.mask;
        // One contiguous block per call, so the consumed range never wraps. Producers write only
        // below cleared + capacity: past that lie records read before and not handed back.
        long cleared = cleared();
        int blockLength = (int) Math.min(capacity - headIndex, cleared + capacity - head);
        this.copiedOut = false;
        int bytesRead = 0;
        int handled = 0;
        try {
            while (bytesRead < blockLength && handled < limit) {
                int at = RingArea.BASE + headIndex + bytesRead;
                long header = headerAt(at);
                int length = RecordDescriptor.lengthOf(header);
                if (length <= 0) {
                    if (bytesRead == 0) {
                        bytesRead = recoverStall(head, length);
                    }
                    break;
                }
                int tag = RecordDescriptor.typeOf(header);
                checkRecord(at, length, tag);
                bytesRead += RecordDescriptor.align(length);
                if (tag != RecordDescriptor.PADDING_TYPE) {
                    handled++;
                    handler.onMessage(area, at + RecordDescriptor.HEADER_LENGTH,
                            length - RecordDescriptor.HEADER_LENGTH, tag);
                }
            }
        }
        finally {
            // A handler that throws consumes its record: a poison message must not block the ring.
            if (bytesRead > 0) {
                consume(head, bytesRead);
            }
            else {
                clearConsumed();
            }
        }
        return handled;
    }

    /**
     * Inside a read: {@link #nextMessageRecord()}, without its acquire load of the header when
     * this handle owns the head and {@link #lookAtHead} saw the committed header {@code seen}
     * there (each load from the mapping is a checked access, a few nanoseconds of a one-message
     * read). Padding and an impossible record are still caught: they are in that header.
     */
    private long messageRecordAtHead(long seen) {
        int length = RecordDescriptor.lengthOf(seen);
        if (length > 0 && ownsHead()) {
            int tag = RecordDescriptor.typeOf(seen);
            if (tag != RecordDescriptor.PADDING_TYPE) {
                checkRecord(offsetOf(head()), length, tag);
                return seen;
            }
        }
        return nextMessageRecord();
    }

    /**
     * Inside a read: the header of the committed message record at the head, after consuming
     * padding and skipping records of dead producers; {@link #NOTHING} if none is there now.
     */
    private long nextMessageRecord() {
        while (true) {
            long head = head();
            int at = offsetOf(head);
            long header = headerAt(at);
            int length = RecordDescriptor.lengthOf(header);
            if (length <= 0) {
                int skipped = recoverStall(head, length);
                if (skipped == 0) {
                    clearConsumed();
                    return NOTHING;
                }
                consume(head, skipped);
                continue;
            }
            int tag = RecordDescriptor.typeOf(header);
            checkRecord(at, length, tag);
            if (tag == RecordDescriptor.PADDING_TYPE) {
                consume(head, length);
                continue;
            }
            return header;
        }
    }

    /** Consumes the record of {@code length} at the head. */
    private void consumeRecordAt(int length) {
        consume(head(), RecordDescriptor.align(length));
    }

    /**
     * Inside a read: moves the head past {@code length} read bytes. They are handed back later
     * ({@link #clearConsumed}), when the consumer is idle or a quarter of the ring (at most
     * {@link #MAX_CLEARING_LAG}) behind, which
     * keeps a busy consumer's lines out of the producers' way; for many producers they are
     * zeroed then, as zeroing a record right away would make the reply to it wait for the cache
     * lines to be taken back from its producer's core.
     */
    private void consume(long head, int length) {
        long newHead = head + length;
        publishHead(newHead);
        if (newHead - cleared() >= this.clearingLag) {
            clearConsumed();
        }
    }

    /**
     * Inside a read: hands what was read since the last clearing to producers, zeroed first if
     * they are many or the reads copied it out of a small ring ({@link #zeroesCopies}), in whole
     * cache lines: the line holding the head may also hold the record a producer is writing, and
     * a store there would take that line away from it mid-record.
     */
    private void clearConsumed() {
        long cleared = cleared();
        long until = clearable(head());
        if (cleared >= until) {
            return;
        }
        if (until - cleared > this.capacity) {
            // Never so in a working ring (the head stays within a capacity of cleared): a
            // position something else wrote. Say which rather than zero the whole area.
            this.ring.checkIntact();
            return;
        }
        if (!this.soleProducer || (this.zeroesCopies && this.copiedOut)) {
            this.ring.zeroPositions(cleared, until);
        }
        // Release (in publishCleared): a producer that sees the new position sees the zeroed bytes.
        publishCleared(until);
    }

    /** The buffer offset of the record at {@code position}. */
    private int offsetOf(long position) {
        return RingArea.BASE + ((int) position & this.mask);
    }

    /**
     * The header of the record at buffer offset {@code at}, length and type in one volatile
     * 8-byte load: a committed length comes with the type of the same commit.
     */
    private long headerAt(int at) {
        return SharedMemory.getLongVolatile(this.buffer, at);
    }

    /** The length word of the record at buffer offset {@code at}: 0 nothing, negative claimed, positive committed. */
    private int lengthAt(int at) {
        return SharedMemory.getIntVolatile(this.buffer, at + RecordDescriptor.LENGTH_OFFSET);
    }

    /**
     * A committed record must fit before the end of the area and, unless it is padding, hold at
     * most a maximum-size message: a length from anything else (a foreign writer, a stray store)
     * would send reads outside the record.
     */
    private void checkRecord(int at, int length, int tag) {
        int index = at - RingArea.BASE;
        boolean fits = RecordDescriptor.align(length) <= this.capacity - index;
        if (fits && (tag == RecordDescriptor.PADDING_TYPE || (length >= RecordDescriptor.HEADER_LENGTH
                && length - RecordDescriptor.HEADER_LENGTH <= this.maxMessageSize))) {
            return;
        }
        String resource = this.ring.resource;
        throw new IpcException(resource, null, 0, resource + ": the record at byte " + index
                + " of the ring claims a length of " + length + " bytes, which this ring cannot hold (capacity "
                + this.capacity + ", max message size " + this.maxMessageSize + "); something other than this library"
                + " wrote into it. Remove the queue and create it again");
    }

    /**
     * How far the bytes before {@code head} may be handed back now: up to the line holding it,
     * which is also where the next record starts (a producer writing there would take the line
     * from under this consumer; zeroing there would take it from a producer).
     */
    private static long clearable(long head) {
        return head & -RingDescriptor.CACHE_LINE_LENGTH;
    }

    /**
     * The record at {@code head} is not committed ({@code length} 0 or negative). If a producer
     * has claimed it and not committed it within the stall timeout, it is presumed dead: returns
     * how many bytes to skip; otherwise 0.
     */
    private int recoverStall(long head, int length) {
        if (this.soleProducer) {
            // Its records become visible whole, by their commit: an empty head is just empty.
            return 0;
        }
        // A claim marker proves a producer is (or was) writing here; only an empty head needs
        // the tail to tell "nothing sent" from "claimed, marker not yet written".
        long tail = (length < 0) ? Long.MAX_VALUE
                : SharedMemory.getLongVolatile(this.buffer, RingDescriptor.TAIL_OFFSET);
        if (tail == head) {
            this.stalledPosition = -1;
            return 0;
        }
        long now = System.nanoTime();
        if (this.stalledPosition != head) {
            this.stalledPosition = head;
            this.stalledSince = now;
            return 0;
        }
        if (now - this.stalledSince < this.stallTimeoutNanos) {
            return 0;
        }
        this.stalledPosition = -1;
        SharedMemory.getAndAddLong(this.buffer, RingDescriptor.RECLAIMED_OFFSET, 1L);
        if (length < 0) {
            // The producer wrote its claim marker, so the record's extent is known.
            return RecordDescriptor.align(-length);
        }
        // It died before writing anything: skip the zeros up to the next record header.
        return RecordWalker.zerosAt(this.ring, head, tail);
    }

    // ---- sleeping --------------------------------------------------------------------------

    /** Sleeps up to {@code nanos} on the futex, unless a record arrives before; returns early at will. */
    final void sleepUntilSignalled(NativeScratch scratch, long nanos) throws NativeError {
        if (nanos <= 0) {
            return;
        }
        // The sleep makes a system call anyway; without this check its atomic join below would
        // kill the JVM on a ring another process truncated while this consumer was idle.
        this.ring.requireSize();
        ByteBuffer area = this.buffer;
        // Join the waiters, then read the tail: the other half of the producers' Dekker (see
        // SharedProducer.offer).
        SharedMemory.getAndAddInt(area, RingDescriptor.WAITERS_OFFSET, 1);
        try {
            if (this.soleProducer && SharedMemory.getIntVolatile(area, RingDescriptor.PRODUCER_FENCES_OFFSET) == 0
                    && !Membarrier.heavyBarrier()) {
                // The producer does not fence, and we cannot make it: a wake-up could be missed,
                // so nap briefly instead of sleeping until signalled.
                LockSupport.parkNanos(Math.min(nanos, MAX_UNSIGNALLED_NAP_NANOS));
                return;
            }
            int signal = SharedMemory.getIntVolatile(area, RingDescriptor.SIGNAL_OFFSET);
            long head = SharedMemory.getLongVolatile(this.buffer, RingDescriptor.HEAD_OFFSET);
            if (lengthAt(offsetOf(head)) > 0) {
                return;
            }
            if (!this.soleProducer && SharedMemory.getLongVolatile(this.buffer, RingDescriptor.TAIL_OFFSET) != head) {
                // Claimed, not yet committed: no wake-up will come for it, so nap briefly (if its
                // producer died, stall recovery is timed by these looks).
                LockSupport.parkNanos(Math.min(nanos, CLAIMED_NAP_NANOS));
                return;
            }
            Futex.await(this.ring.signalWord(), signal, nanos, scratch.timespec(), scratch.timespecView());
        }
        finally {
            SharedMemory.getAndAddInt(area, RingDescriptor.WAITERS_OFFSET, -1);
        }
    }
}
