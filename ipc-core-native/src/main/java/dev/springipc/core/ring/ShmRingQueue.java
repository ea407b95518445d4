package dev.springipc.core.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcIdleStrategy;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.SharedHeader;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.Futex;
import dev.springipc.core.sys.Membarrier;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcShmQueue}: a ring of variable-size records in a {@link SharedMapping} laid out by
 * {@link RingDescriptor} and {@link RecordDescriptor}, for many producers or one, and many
 * consumers or one.
 * <p>
 * Producers claim space with a compare-and-set on the tail, write the record and commit it with
 * a release store of its length; no system call unless a consumer sleeps. A single-producer ring
 * needs neither the compare-and-set nor a fence: its one producer (the handle in the producer
 * slot, bound to one thread) owns the tail, and consumers about to sleep pay a membarrier(2)
 * instead, so that the producer's unfenced "commit, then check for sleepers" still sees them.
 * <p>
 * Consumers take a short lock (a word holding their pid), read committed records in place and
 * move the head with a release store; the one consumer of a single-consumer ring (the handle in
 * the consumer slot, bound to one thread) takes no lock and keeps its own copy of the head.
 * What was read is zeroed later, when idle, behind the {@code cleared} position that bounds the
 * producers. An idle consumer waits as its {@link IpcIdleStrategy} says: by default it spins,
 * then yields, then sleeps on a futex that producers bump only when someone sleeps. A record a
 * producer claimed but never committed (it died) is skipped after the stall timeout and counted.
 */
public final class ShmRingQueue extends AbstractMappedResource implements IpcShmQueue {

    static final String KIND = "shm ring queue";

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private static final int BASE = RingDescriptor.HEADER_LENGTH;

    /** Busy spins of a producer facing a full ring before it yields. */
    private static final int SPINS = 1_000;

    /** A spinning receive checks its deadline, interruption and close on looks 1, 65, 129, ... */
    private static final int DEADLINE_CHECK_MASK = 63;

    /** Yields of a producer facing a full ring before it parks (a few milliseconds at most). */
    private static final int PRODUCER_YIELDS = 10_000;

    private static final long MAX_PRODUCER_PARK_NANOS = 1_000_000L;

    /** Longest sleep of a consumer that cannot count on being woken (no membarrier). */
    private static final long MAX_UNSIGNALLED_NAP_NANOS = 1_000_000L;

    private final ByteBuffer buffer;

    private final Pointer signalWord;

    private final int capacity;

    private final int mask;

    private final int maxMessageSize;

    private final int maxMessages;

    private final long stallTimeoutNanos;

    /** How this object's receives wait while the ring is empty. */
    private final IpcIdleStrategy idle;

    private final int pid = Sys.pid();

    /** Whether the ring takes one producer only, as its header says. */
    private final boolean singleProducer;

    /** Whether the ring takes one consumer only, as its header says. */
    private final boolean singleConsumer;

    /** This handle's id in the producer or consumer slot, {@code pid << 32 | token}. */
    private final long handleId;

    /** Single producer: the slot and the one thread that sends through this handle. */
    private final SoleRole producer;

    /** Single producer: the tail, owned by the producer, and its last look at {@code cleared}. */
    private long producerTail;

    private long producerCleared;

    /** Single producer: fence after each commit, because membarrier(2) is unavailable here. */
    private boolean producerFences;

    /** Single consumer: the slot and the one thread that receives through this handle. */
    private final SoleRole consumer;

    /**
     * Single consumer: inside a read, so that a handler polling this handle again gets nothing
     * instead of the record being handled (the consumer lock does that for many consumers).
     */
    private boolean consuming;

    /** Single consumer: its copies of the head and cleared positions, which only it moves. */
    private long consumerHead;

    private long consumerCleared;

    /** Zeros to clear consumed records with; never written. */
    private static final byte[] ZEROS = new byte[4096];

    /** Consumers zero whole cache lines (the record area starts on a line). */
    private static final int CACHE_LINE = 64;

    /** How far behind the head the zeroing may fall while the consumer stays busy. */
    private final int clearingLag;

    /** Every this many empty looks at the head (plus one), a spinning consumer checks for stalls. */
    private static final int STALL_CHECK_MASK = 1023;

    /** Counts a spinning consumer's empty looks; racy between consumer threads, which is harmless. */
    private int emptyLooks;

    /** Stall tracking, touched only under the consumer lock. */
    private long stalledPosition = -1;

    private long stalledSince;

    private ShmRingQueue(String name, SharedMapping mapping, int capacity, int maxMessageSize, int maxMessages,
            Duration stallTimeout, IpcIdleStrategy idle, boolean singleProducer, boolean singleConsumer) {
        super(KIND, name, mapping);
        this.idle = idle;
        this.singleProducer = singleProducer;
        this.singleConsumer = singleConsumer;
        this.handleId = ((long) this.pid << 32) | (ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) + 1L);
        this.buffer = mapping.buffer();
        this.producer = new SoleRole(HandleSlot.PRODUCER, this.buffer, this.handleId, description());
        this.consumer = new SoleRole(HandleSlot.CONSUMER, this.buffer, this.handleId, description());
        this.signalWord = mapping.pointer(RingDescriptor.SIGNAL_OFFSET);
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessageSize = maxMessageSize;
        this.maxMessages = maxMessages;
        this.stallTimeoutNanos = Waits.toNanos(stallTimeout);
        this.clearingLag = capacity / 4;
    }

    /**
     * Creates or opens a ring. {@code singleProducer} and {@code singleConsumer} apply when this
     * call creates it; an existing ring keeps the modes it was created with, like its capacity.
     */
    public static ShmRingQueue open(String name, int maxMessages, int maxMessageSize, int mode, CreateMode create,
            Duration stallTimeout, IpcIdleStrategy idle, boolean singleProducer, boolean singleConsumer) {
        int capacity = RingDescriptor.capacityFor(maxMessages, maxMessageSize);
        SharedMapping mapping = SharedMapping.open(KIND, name,
                (create == CreateMode.OPEN_ONLY) ? 0 : RingDescriptor.HEADER_LENGTH + capacity, mode, create);
        String resource = KIND + " " + name;
        try {
            ByteBuffer buffer = mapping.buffer();
            if (mapping.created()) {
                buffer.putInt(RingDescriptor.CAPACITY_OFFSET, capacity);
                buffer.putInt(RingDescriptor.MAX_MESSAGE_SIZE_OFFSET, maxMessageSize);
                buffer.putInt(RingDescriptor.MAX_MESSAGES_OFFSET, maxMessages);
                buffer.putInt(RingDescriptor.PRODUCERS_OFFSET,
                        singleProducer ? RingDescriptor.SINGLE_PRODUCER : RingDescriptor.MANY_PRODUCERS);
                buffer.putInt(RingDescriptor.CONSUMERS_OFFSET,
                        singleConsumer ? RingDescriptor.SINGLE_CONSUMER : RingDescriptor.MANY_CONSUMERS);
                SharedHeader.publish(buffer, RingDescriptor.MAGIC, RingDescriptor.VERSION);
                return new ShmRingQueue(name, mapping, capacity, maxMessageSize, maxMessages, stallTimeout, idle,
                        singleProducer, singleConsumer);
            }
            SharedHeader.await(buffer, RingDescriptor.MAGIC, RingDescriptor.VERSION, resource, KIND);
            int existingCapacity = buffer.getInt(RingDescriptor.CAPACITY_OFFSET);
            int existingMaxSize = buffer.getInt(RingDescriptor.MAX_MESSAGE_SIZE_OFFSET);
            int existingMaxMessages = buffer.getInt(RingDescriptor.MAX_MESSAGES_OFFSET);
            int producers = buffer.getInt(RingDescriptor.PRODUCERS_OFFSET);
            int consumers = buffer.getInt(RingDescriptor.CONSUMERS_OFFSET);
            if (!RingDescriptor.isValidCapacity(existingCapacity)
                    || (long) RingDescriptor.HEADER_LENGTH + existingCapacity > mapping.size() || existingMaxSize < 1
                    || RecordDescriptor.alignedLength(existingMaxSize) > existingCapacity / 2 || existingMaxMessages < 1
                    || (producers != RingDescriptor.MANY_PRODUCERS && producers != RingDescriptor.SINGLE_PRODUCER)
                    || (consumers != RingDescriptor.MANY_CONSUMERS && consumers != RingDescriptor.SINGLE_CONSUMER)) {
                throw new IpcException(resource, null, 0, resource + ": its header is corrupt (capacity "
                        + existingCapacity + ", max message size " + existingMaxSize + ", producers " + producers
                        + ", consumers " + consumers + ", object size " + mapping.size()
                        + "); remove it or recreate it");
            }
            return new ShmRingQueue(name, mapping, existingCapacity, existingMaxSize, existingMaxMessages, stallTimeout,
                    idle, producers == RingDescriptor.SINGLE_PRODUCER, consumers == RingDescriptor.SINGLE_CONSUMER);
        }
        catch (RuntimeException ex) {
            try {
                mapping.unmap();
            }
            catch (NativeError unmapFailure) {
                ex.addSuppressed(new IpcException(resource, "munmap", unmapFailure.errno(), unmapFailure.getMessage()));
            }
            if (mapping.created()) {
                try {
                    SharedMapping.unlink(name);
                }
                catch (NativeError ignored) {
                    // Best effort: the original failure matters more.
                }
            }
            throw ex;
        }
    }

    // ---- producing ------------------------------------------------------------------------

    @Override
    public void send(byte[] payload, int priority) throws InterruptedException {
        timedSend(payload, priority, Waits.FOREVER);
    }

    @Override
    public boolean trySend(byte[] payload, int priority, Duration timeout) throws InterruptedException {
        return timedSend(payload, priority, Waits.toNanos(timeout));
    }

    private boolean timedSend(byte[] payload, int tag, long timeoutNanos) throws InterruptedException {
        if (payload.length > this.maxMessageSize) {
            throw new IpcMessageTooLargeException(description(), null, Errno.EMSGSIZE, description() + ": a payload of "
                    + payload.length + " bytes exceeds the queue's max-message-size of " + this.maxMessageSize
                    + " bytes; send less, or recreate the queue with a larger max-message-size");
        }
        // No in-flight counting on the hot path: the mapping outlives close() until this object
        // is unreachable (see closeHandle), so a racing call can never touch unmapped memory.
        ensureOpen();
        if (offer(payload, tag)) {
            return true;
        }
        long deadline = Waits.deadline(timeoutNanos);
        long park = 1_000L;
        for (int attempt = 1;; attempt++) {
            if (attempt < SPINS) {
                Thread.onSpinWait();
            }
            else if (attempt < SPINS + PRODUCER_YIELDS) {
                // A full ring usually drains within microseconds; parking costs ~50 µs of
                // timer slack, which capped cross-process throughput far below the consumer's pace.
                Thread.yield();
            }
            else {
                LockSupport.parkNanos(park);
                park = Waits.backoff(park, MAX_PRODUCER_PARK_NANOS);
                checkWaitable();
            }
            if (offer(payload, tag)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
    }

    /** Writes and commits one record; false if the ring has no room now. */
    private boolean offer(byte[] payload, int tag) {
        if (this.singleProducer) {
            if (!this.producer.playedBy(Thread.currentThread())) {
                becomeProducer();
            }
            return offerAsSoleProducer(payload, tag);
        }
        return offerAsOneOfMany(payload, tag);
    }

    /** Claims space with a compare-and-set on the tail, writes and commits one record. */
    private boolean offerAsOneOfMany(byte[] payload, int tag) {
        int recordLength = RecordDescriptor.HEADER_LENGTH + payload.length;
        int required = RecordDescriptor.align(recordLength);
        ByteBuffer ring = this.buffer;
        long tail;
        int padding;
        do {
            // Free space ends at cleared + capacity; the cached copy spares the consumers' line.
            long cleared = (long) LONGS.getVolatile(ring, RingDescriptor.CLEARED_CACHE_OFFSET);
            tail = (long) LONGS.getVolatile(ring, RingDescriptor.TAIL_OFFSET);
            padding = paddingFor(tail, cleared, required);
            if (padding < 0) {
                cleared = (long) LONGS.getVolatile(ring, RingDescriptor.CLEARED_OFFSET);
                padding = paddingFor(tail, cleared, required);
                if (padding < 0) {
                    return false;
                }
                LONGS.setRelease(ring, RingDescriptor.CLEARED_CACHE_OFFSET, cleared);
            }
        }
        while (!LONGS.compareAndSet(ring, RingDescriptor.TAIL_OFFSET, tail, tail + required + padding));
        // Dekker with a consumer about to sleep, on the tail: it adds itself to the waiters, then
        // reads the tail; we moved the tail (a volatile write), then read the waiters. Either it
        // sees our claim and stays awake, or we see it and wake it after the commit. The fence
        // of the CAS is paid anyway, so the commit below can be a plain release store.
        boolean wake = (int) INTS.getVolatile(ring, RingDescriptor.WAITERS_OFFSET) > 0;
        // Claimed but not committed: a consumer waits on it, or skips it if we die now.
        write(tail, padding, recordLength, payload, tag, true);
        if (wake) {
            // The signal's atomic increment orders the commit before the wake-up.
            wakeConsumers();
        }
        return true;
    }

    /**
     * The single producer's send: no atomic instruction and no fence. After the commit it checks
     * for sleepers with only a compiler barrier; a consumer going to sleep issues a membarrier
     * between joining the waiters and its last look, which orders our two accesses for it.
     */
    private boolean offerAsSoleProducer(byte[] payload, int tag) {
        int recordLength = RecordDescriptor.HEADER_LENGTH + payload.length;
        int required = RecordDescriptor.align(recordLength);
        ByteBuffer ring = this.buffer;
        long tail = this.producerTail;
        int padding = paddingFor(tail, this.producerCleared, required);
        if (padding < 0) {
            this.producerCleared = (long) LONGS.getVolatile(ring, RingDescriptor.CLEARED_OFFSET);
            padding = paddingFor(tail, this.producerCleared, required);
            if (padding < 0) {
                return false;
            }
        }
        // Beyond the tail every length is zero, so the record is invisible until its commit.
        write(tail, padding, recordLength, payload, tag, false);
        long newTail = tail + padding + required;
        this.producerTail = newTail;
        LONGS.setRelease(ring, RingDescriptor.TAIL_OFFSET, newTail);
        if (this.producerFences) {
            VarHandle.fullFence();
        }
        else {
            // A compiler barrier in HotSpot (no instruction on x86): keeps the JIT from reading
            // the waiters before the commit. The CPU's own reordering is undone by the sleeper's
            // membarrier, which runs a full barrier on this core.
            VarHandle.releaseFence();
        }
        if ((int) INTS.getVolatile(ring, RingDescriptor.WAITERS_OFFSET) > 0) {
            wakeConsumers();
        }
        return true;
    }

    /**
     * The padding a record of {@code required} bytes at {@code tail} needs to start at index 0
     * (0 if it fits before the end of the area), or -1 if it does not fit below {@code cleared +
     * capacity}.
     */
    private int paddingFor(long tail, long cleared, int required) {
        if (required > this.capacity - (int) (tail - cleared)) {
            return -1;
        }
        int toEnd = this.capacity - ((int) tail & this.mask);
        if (required <= toEnd) {
            return 0;
        }
        // Pad to the end and start again at index 0, which must be free up to the record's end.
        return (required > ((int) cleared & this.mask)) ? -1 : toEnd;
    }

    /** Writes a record (after a padding record if {@code padding} > 0) at {@code tail} and commits it. */
    private void write(long tail, int padding, int recordLength, byte[] payload, int tag, boolean claimMarker) {
        ByteBuffer ring = this.buffer;
        int index = (int) tail & this.mask;
        if (padding != 0) {
            int at = BASE + index;
            ring.putInt(at + RecordDescriptor.TYPE_OFFSET, RecordDescriptor.PADDING_TYPE);
            INTS.setRelease(ring, at + RecordDescriptor.LENGTH_OFFSET, padding);
            index = 0;
        }
        int at = BASE + index;
        if (claimMarker) {
            INTS.setRelease(ring, at + RecordDescriptor.LENGTH_OFFSET, -recordLength);
        }
        ring.putInt(at + RecordDescriptor.TYPE_OFFSET, tag);
        ring.put(at + RecordDescriptor.HEADER_LENGTH, payload);
        INTS.setRelease(ring, at + RecordDescriptor.LENGTH_OFFSET, recordLength);
    }

    /**
     * Makes the calling thread this handle's producer on a single-producer ring: claims the
     * producer slot on the first send, or takes over from a thread of this handle that ended.
     */
    private void becomeProducer() {
        ensureOpen();
        long taken = this.producer.take();
        if (taken == SoleRole.HANDED_OVER) {
            // The tail state in this object carries over from the thread that ended.
            return;
        }
        ByteBuffer ring = this.buffer;
        this.producerFences = !Membarrier.registerProcess();
        INTS.setVolatile(ring, RingDescriptor.PRODUCER_FENCES_OFFSET, this.producerFences ? 1 : 0);
        this.producerCleared = (long) LONGS.getVolatile(ring, RingDescriptor.CLEARED_OFFSET);
        this.producerTail = (taken != 0L) ? recoverTail() : (long) LONGS.getVolatile(ring, RingDescriptor.TAIL_OFFSET);
    }

    /**
     * After a single producer died: where its committed records end (it may have died between a
     * commit and the tail store, and consumers may have read past the stored tail), with what it
     * wrote beyond zeroed again, so that the area beyond the tail holds zeros only.
     */
    private long recoverTail() {
        ByteBuffer ring = this.buffer;
        long limit = this.producerCleared + this.capacity;
        long position = Math.max((long) LONGS.getVolatile(ring, RingDescriptor.TAIL_OFFSET),
                (long) LONGS.getVolatile(ring, RingDescriptor.HEAD_OFFSET));
        while (position < limit) {
            int length = (int) INTS.getVolatile(ring, BASE + ((int) position & this.mask));
            if (length <= 0 || RecordDescriptor.align(length) > limit - position) {
                break;
            }
            position += RecordDescriptor.align(length);
        }
        zeroPositions(position, limit);
        LONGS.setVolatile(ring, RingDescriptor.TAIL_OFFSET, position);
        return position;
    }

    private void wakeConsumers() {
        INTS.getAndAdd(this.buffer, RingDescriptor.SIGNAL_OFFSET, 1);
        try {
            Futex.wakeAll(this.signalWord);
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
    }

    // ---- consuming ------------------------------------------------------------------------

    @Override
    public int poll(IpcMessageHandler handler, int limit) {
        ensureOpen();
        checkConsumerThread();
        if (nothingAtHead(false) || !enterConsumers()) {
            return 0;
        }
        try {
            long head = head();
            int handled = pollLocked(handler, limit);
            long newHead = head();
            // A block stops at the end of the area (often on a wrap padding record): go on
            // from index 0, or poll(handler, 1) would return 0 with a message waiting.
            if (handled < limit && newHead != head && ((int) newHead & this.mask) == 0) {
                handled += pollLocked(handler, limit - handled);
            }
            return handled;
        }
        finally {
            exitConsumers();
        }
    }

    /**
     * A cheap look at the head before taking the consumer lock: one acquire load of the head and
     * one of the record length there. Empty ({@code true}) unless a committed record is at the
     * head. A record still being written (claimed, length negative) or claimed by a producer
     * that died looks empty too, so the full path with stall recovery runs anyway when
     * {@code thorough}, and on every 1024th empty look of a busy-spinning consumer. Looking no
     * further matters for latency: reading the producers' tail line, or taking the lock, while
     * a producer is mid-record would pull lines it is about to write into this core's cache.
     */
    private boolean nothingAtHead(boolean thorough) {
        ByteBuffer ring = this.buffer;
        long head = head();
        if ((int) INTS.getAcquire(ring, BASE + ((int) head & this.mask) + RecordDescriptor.LENGTH_OFFSET) > 0) {
            return false;
        }
        if (thorough || (++this.emptyLooks & STALL_CHECK_MASK) == 0) {
            return false;
        }
        if (cleared() < clearable(head)) {
            clearWhileIdle();
        }
        return true;
    }

    /** Nothing to read: a good moment to zero what was read, off any message's critical path. */
    private void clearWhileIdle() {
        if (enterConsumers()) {
            try {
                clearConsumed();
            }
            finally {
                exitConsumers();
            }
        }
    }

    private int pollLocked(IpcMessageHandler handler, int limit) {
        ByteBuffer ring = this.buffer;
        long head = head();
        int headIndex = (int) head & this.mask;
        // One contiguous block per call, so the consumed range never wraps. Producers write only
        // below cleared + capacity: past that lie records read before and not yet zeroed.
        long cleared = cleared();
        int blockLength = (int) Math.min(this.capacity - headIndex, cleared + this.capacity - head);
        int bytesRead = 0;
        int handled = 0;
        try {
            while (bytesRead < blockLength && handled < limit) {
                int at = BASE + headIndex + bytesRead;
                int length = (int) INTS.getVolatile(ring, at + RecordDescriptor.LENGTH_OFFSET);
                if (length <= 0) {
                    if (bytesRead == 0) {
                        bytesRead = recoverStall(head, length);
                    }
                    break;
                }
                int tag = ring.getInt(at + RecordDescriptor.TYPE_OFFSET);
                checkRecord(at, length, tag);
                bytesRead += RecordDescriptor.align(length);
                if (tag != RecordDescriptor.PADDING_TYPE) {
                    handled++;
                    handler.onMessage(ring, at + RecordDescriptor.HEADER_LENGTH, length - RecordDescriptor.HEADER_LENGTH,
                            tag);
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

    @Override
    public int receive(byte[] target, Duration timeout) throws InterruptedException {
        checkWaitable();
        checkConsumerThread();
        int length = readInto(target, false);
        if (length >= 0) {
            return length;
        }
        long deadline = Waits.deadline(Waits.toNanos(timeout));
        for (long look = 1;; look++) {
            if (!pause(look, deadline)) {
                return -1;
            }
            length = readInto(target, !this.idle.spinsBefore(look));
            if (length >= 0) {
                return length;
            }
        }
    }

    @Override
    public IpcMessage receive() throws InterruptedException {
        IpcMessage message = receiveMessage(Waits.FOREVER);
        if (message == null) {
            throw new IllegalStateException("Unreachable: an unbounded receive returned nothing");
        }
        return message;
    }

    @Override
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(receiveMessage(Waits.toNanos(timeout)));
    }

    private @Nullable IpcMessage receiveMessage(long timeoutNanos) throws InterruptedException {
        checkWaitable();
        checkConsumerThread();
        IpcMessage message = readMessage(false);
        if (message != null) {
            return message;
        }
        long deadline = Waits.deadline(timeoutNanos);
        for (long look = 1;; look++) {
            if (!pause(look, deadline)) {
                return null;
            }
            message = readMessage(!this.idle.spinsBefore(look));
            if (message != null) {
                return message;
            }
        }
    }

    /** One message copied into {@code target}; its length, or -1 if none is committed now. */
    private int readInto(byte[] target, boolean thorough) {
        if (nothingAtHead(thorough) || !enterConsumers()) {
            return -1;
        }
        try {
            int at = nextMessageRecord();
            if (at < 0) {
                return -1;
            }
            int length = this.buffer.getInt(at + RecordDescriptor.LENGTH_OFFSET);
            int payloadLength = length - RecordDescriptor.HEADER_LENGTH;
            if (payloadLength > target.length) {
                throw new IpcMessageTooLargeException(description(), null, Errno.EMSGSIZE, description()
                        + ": the next message has " + payloadLength + " bytes, more than the " + target.length
                        + "-byte target; it stays queued. Receive into a buffer of max-message-size ("
                        + this.maxMessageSize + " bytes)");
            }
            this.buffer.get(at + RecordDescriptor.HEADER_LENGTH, target, 0, payloadLength);
            consumeRecordAt(length);
            return payloadLength;
        }
        finally {
            exitConsumers();
        }
    }

    /** One message as a new {@link IpcMessage}, or null if none is committed now. */
    private @Nullable IpcMessage readMessage(boolean thorough) {
        if (nothingAtHead(thorough) || !enterConsumers()) {
            return null;
        }
        try {
            int at = nextMessageRecord();
            if (at < 0) {
                return null;
            }
            int length = this.buffer.getInt(at + RecordDescriptor.LENGTH_OFFSET);
            byte[] payload = new byte[length - RecordDescriptor.HEADER_LENGTH];
            this.buffer.get(at + RecordDescriptor.HEADER_LENGTH, payload);
            int tag = this.buffer.getInt(at + RecordDescriptor.TYPE_OFFSET);
            consumeRecordAt(length);
            return IpcMessage.withPriority(payload, tag);
        }
        finally {
            exitConsumers();
        }
    }

    /**
     * Under the consumer lock: the buffer offset of the committed message record at the head,
     * after consuming padding and skipping records of dead producers; -1 if none is there now.
     */
    private int nextMessageRecord() {
        ByteBuffer ring = this.buffer;
        while (true) {
            long head = head();
            int at = BASE + ((int) head & this.mask);
            int length = (int) INTS.getVolatile(ring, at + RecordDescriptor.LENGTH_OFFSET);
            if (length <= 0) {
                int skipped = recoverStall(head, length);
                if (skipped == 0) {
                    clearConsumed();
                    return -1;
                }
                consume(head, skipped);
                continue;
            }
            int tag = ring.getInt(at + RecordDescriptor.TYPE_OFFSET);
            checkRecord(at, length, tag);
            if (tag == RecordDescriptor.PADDING_TYPE) {
                consume(head, length);
                continue;
            }
            return at;
        }
    }

    /**
     * A committed record must fit before the end of the area and, unless it is padding, hold at
     * most a maximum-size message: a length from anything else (a foreign writer, a stray store)
     * would send reads outside the record.
     */
    private void checkRecord(int at, int length, int tag) {
        int index = at - BASE;
        boolean fits = RecordDescriptor.align(length) <= this.capacity - index;
        if (fits && (tag == RecordDescriptor.PADDING_TYPE || (length >= RecordDescriptor.HEADER_LENGTH
                && length - RecordDescriptor.HEADER_LENGTH <= this.maxMessageSize))) {
            return;
        }
        throw new IpcException(description(), null, 0, description() + ": the record at byte " + index
                + " of the ring claims a length of " + length + " bytes, which this ring cannot hold (capacity "
                + this.capacity + ", max message size " + this.maxMessageSize + "); something other than this library"
                + " wrote into it. Remove the queue and create it again");
    }

    /** Consumes the record of {@code length} at the head. */
    private void consumeRecordAt(int length) {
        consume(head(), RecordDescriptor.align(length));
    }

    /**
     * How an idle consumer waits before its {@code look}-th look, as its {@link IpcIdleStrategy}
     * says. Returns false once {@code deadline} has passed. Allocates nothing.
     */
    private boolean pause(long look, long deadline) throws InterruptedException {
        if (this.idle.spinsBefore(look)) {
            // Read the clock on every 64th look only: a clock read costs as much as several
            // looks, and a message arriving meanwhile would wait for it.
            if ((look & DEADLINE_CHECK_MASK) == 1) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                checkWaitable();
            }
            Thread.onSpinWait();
            return true;
        }
        if (System.nanoTime() - deadline >= 0) {
            return false;
        }
        if (this.idle.sleepsBefore(look)) {
            sleepUntilSignalled(NativeScratch.current(), Waits.nextSlice(deadline));
        }
        else {
            Thread.yield();
        }
        checkWaitable();
        return true;
    }

    /**
     * Under the consumer lock: moves the head past {@code length} read bytes. They are zeroed
     * later ({@link #clearConsumed}), when the consumer is idle or a quarter of the ring behind:
     * zeroing a record right away would make the reply to it wait for the cache lines to be taken
     * back from its producer's core.
     */
    private void consume(long head, int length) {
        long newHead = head + length;
        if (this.singleConsumer) {
            this.consumerHead = newHead;
        }
        LONGS.setRelease(this.buffer, RingDescriptor.HEAD_OFFSET, newHead);
        if (newHead - cleared() >= this.clearingLag) {
            clearConsumed();
        }
    }

    /**
     * Under the consumer lock: zeroes what was read since the last clearing and hands it to
     * producers, in whole cache lines: the line holding the head may also hold the record a
     * producer is writing, and a store there would take that line away from it mid-record.
     */
    private void clearConsumed() {
        ByteBuffer ring = this.buffer;
        long cleared = cleared();
        long until = clearable(head());
        if (cleared >= until) {
            return;
        }
        zeroPositions(cleared, until);
        if (this.singleConsumer) {
            this.consumerCleared = until;
        }
        // Release: a producer that sees the new position sees the zeroed bytes.
        LONGS.setRelease(ring, RingDescriptor.CLEARED_OFFSET, until);
    }

    /**
     * Where consumers read next. A single consumer keeps its own copy: it alone moves the head,
     * and reading a field spares a checked load from the mapping on every look.
     */
    private long head() {
        return this.singleConsumer ? this.consumerHead
                : (long) LONGS.getVolatile(this.buffer, RingDescriptor.HEAD_OFFSET);
    }

    /** How far consumers have zeroed; a single consumer's own copy, as {@link #head()}. */
    private long cleared() {
        return this.singleConsumer ? this.consumerCleared
                : (long) LONGS.getVolatile(this.buffer, RingDescriptor.CLEARED_OFFSET);
    }

    /** How far the bytes before {@code head} may be zeroed now: up to the line holding it. */
    private static long clearable(long head) {
        return head & -CACHE_LINE;
    }

    /** Zeroes the ring positions {@code [from, until)}, at most one capacity, wrapping at the end. */
    private void zeroPositions(long from, long until) {
        int index = (int) from & this.mask;
        int length = (int) (until - from);
        int firstPart = Math.min(length, this.capacity - index);
        zero(index, firstPart);
        zero(0, length - firstPart);
    }

    private void zero(int index, int length) {
        for (int done = 0; done < length; done += ZEROS.length) {
            this.buffer.put(BASE + index + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }

    /**
     * The record at {@code head} is not committed ({@code length} 0 or negative). If a producer
     * has claimed it and not committed it within the stall timeout, it is presumed dead: returns
     * how many bytes to skip; otherwise 0.
     */
    private int recoverStall(long head, int length) {
        if (this.singleProducer) {
            // Its records become visible whole, by their commit: an empty head is just empty.
            return 0;
        }
        // A claim marker proves a producer is (or was) writing here; only an empty head needs
        // the tail to tell "nothing sent" from "claimed, marker not yet written".
        long tail = (length < 0) ? Long.MAX_VALUE : (long) LONGS.getVolatile(this.buffer, RingDescriptor.TAIL_OFFSET);
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
        LONGS.getAndAdd(this.buffer, RingDescriptor.RECLAIMED_OFFSET, 1L);
        if (length < 0) {
            // The producer wrote its claim marker, so the record's extent is known.
            return RecordDescriptor.align(-length);
        }
        // It died before writing anything: skip the zeros up to the next record header (or the
        // end of the area, or the tail). Nothing else was written there since we zeroed it.
        int headIndex = (int) head & this.mask;
        int limit = (int) Math.min(this.capacity - headIndex, tail - head);
        int skip = RecordDescriptor.ALIGNMENT;
        while (skip < limit && (int) INTS.getVolatile(this.buffer, BASE + headIndex + skip) == 0) {
            skip += RecordDescriptor.ALIGNMENT;
        }
        return Math.min(skip, limit);
    }

    private void sleepUntilSignalled(NativeScratch scratch, long nanos) {
        if (nanos <= 0) {
            return;
        }
        ByteBuffer ring = this.buffer;
        // Join the waiters, then read the tail: the other half of the producers' Dekker (see offer).
        INTS.getAndAdd(ring, RingDescriptor.WAITERS_OFFSET, 1);
        try {
            if (this.singleProducer && (int) INTS.getVolatile(ring, RingDescriptor.PRODUCER_FENCES_OFFSET) == 0
                    && !Membarrier.heavyBarrier()) {
                // The producer does not fence, and we cannot make it: a wake-up could be missed,
                // so nap briefly instead of sleeping until signalled.
                LockSupport.parkNanos(Math.min(nanos, MAX_UNSIGNALLED_NAP_NANOS));
                return;
            }
            int signal = (int) INTS.getVolatile(ring, RingDescriptor.SIGNAL_OFFSET);
            long head = (long) LONGS.getVolatile(ring, RingDescriptor.HEAD_OFFSET);
            if ((int) INTS.getVolatile(ring, BASE + ((int) head & this.mask)) > 0) {
                return;
            }
            if (!this.singleProducer && (long) LONGS.getVolatile(ring, RingDescriptor.TAIL_OFFSET) != head) {
                // Claimed, not yet committed: no wake-up will come for it, so nap briefly (if its
                // producer died, stall recovery is timed by these looks).
                LockSupport.parkNanos(Math.min(nanos, 50_000L));
                return;
            }
            Futex.await(this.signalWord, signal, nanos, scratch.timespec(), scratch.timespecView());
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            INTS.getAndAdd(ring, RingDescriptor.WAITERS_OFFSET, -1);
        }
    }

    // ---- the consumer lock, or the consumer slot -------------------------------------------

    /**
     * Enters a read: takes the consumer lock, or on a single-consumer ring (whose slot this
     * handle holds, see {@link #checkConsumerThread}) just notes that a read is under way.
     * @return false if another consumer is inside, or this thread is already (a handler polling)
     */
    private boolean enterConsumers() {
        if (this.singleConsumer) {
            if (this.consuming) {
                return false;
            }
            this.consuming = true;
            return true;
        }
        return tryLockConsumers();
    }

    private void exitConsumers() {
        if (this.singleConsumer) {
            this.consuming = false;
        }
        else {
            unlockConsumers();
        }
    }

    /** On a single-consumer ring: fails unless the calling thread is (or may become) its consumer. */
    private void checkConsumerThread() {
        if (this.singleConsumer && !this.consumer.playedBy(Thread.currentThread())) {
            ensureOpen();
            // A holder that died inside a read had not moved the head past what it was
            // handling: that is delivered again, not lost. A thread of this handle that ended
            // cannot be inside a read any more.
            if (this.consumer.take() != SoleRole.HANDED_OVER) {
                // The positions in this object carry over from a thread of this handle that
                // ended; otherwise (a new holder, or one taking over from a dead process) the
                // ring's own are the truth.
                this.consumerHead = (long) LONGS.getVolatile(this.buffer, RingDescriptor.HEAD_OFFSET);
                this.consumerCleared = (long) LONGS.getVolatile(this.buffer, RingDescriptor.CLEARED_OFFSET);
            }
            this.consuming = false;
        }
    }

    private boolean tryLockConsumers() {
        long me = ((long) this.pid << 32) | (Thread.currentThread().getId() & 0xffffffffL);
        if (LONGS.compareAndSet(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET, 0L, me)) {
            return true;
        }
        long holder = (long) LONGS.getVolatile(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET);
        int holderPid = (int) (holder >>> 32);
        // A consumer process that died inside its few-instruction critical section: take over.
        return holder != 0 && holderPid != this.pid && !Sys.isAlive(holderPid)
                && LONGS.compareAndSet(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET, holder, me);
    }

    private void unlockConsumers() {
        LONGS.setRelease(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET, 0L);
    }

    // ---- observing ------------------------------------------------------------------------

    @Override
    public int depth() {
        enter();
        try {
            ByteBuffer ring = this.buffer;
            long head = (long) LONGS.getVolatile(ring, RingDescriptor.HEAD_OFFSET);
            long tail = (long) LONGS.getVolatile(ring, RingDescriptor.TAIL_OFFSET);
            int count = 0;
            for (long position = head; position < tail;) {
                int at = BASE + ((int) position & this.mask);
                int length = (int) INTS.getVolatile(ring, at + RecordDescriptor.LENGTH_OFFSET);
                if (length == 0) {
                    break;
                }
                if (length < 0 || ring.getInt(at + RecordDescriptor.TYPE_OFFSET) != RecordDescriptor.PADDING_TYPE) {
                    count++;
                }
                position += RecordDescriptor.align(Math.abs(length));
            }
            return count;
        }
        finally {
            exit();
        }
    }

    @Override
    public int capacity() {
        return this.maxMessages;
    }

    @Override
    public int maxMessageSize() {
        return this.maxMessageSize;
    }

    /**
     * Closes the descriptor now and unmaps when this queue is unreachable, as the JDK does for a
     * MappedByteBuffer: sends and receives then need no in-flight counting, which would cost two
     * atomic instructions per message, and a thread still inside a call keeps the memory mapped.
     */
    @Override
    protected void closeHandle() throws NativeError {
        if (this.singleProducer) {
            this.producer.release();
        }
        if (this.singleConsumer) {
            this.consumer.release();
        }
        mapping().releaseWhenUnreachable(this);
    }

    @Override
    public boolean singleProducer() {
        return this.singleProducer;
    }

    @Override
    public boolean singleConsumer() {
        return this.singleConsumer;
    }

    @Override
    public IpcIdleStrategy idleStrategy() {
        return this.idle;
    }

    @Override
    public Duration stallTimeout() {
        return Duration.ofNanos(this.stallTimeoutNanos);
    }

    @Override
    public long reclaimed() {
        ensureOpen();
        return (long) LONGS.getVolatile(this.buffer, RingDescriptor.RECLAIMED_OFFSET);
    }

}
