package dev.springipc.core.ring;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcIdleStrategy;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.OwnerWord;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcShmQueue}: a ring of variable-size records in a {@link SharedMapping} laid out by
 * {@link RingDescriptor} and {@link RecordDescriptor}, for many producers or one, and many
 * consumers or one, as the header says. This class waits; what it waits for is done by its
 * producer ({@link SharedProducer}, compare-and-set on the tail, or {@link SoleProducer}, the
 * tail's only writer) and its consumer ({@link LockedConsumer}, a short lock per read, or
 * {@link SoleConsumer}, no lock), one of each per handle, chosen once from the header.
 * <p>
 * An idle consumer waits as its {@link IpcIdleStrategy} says: by default it spins, then yields,
 * then sleeps on a futex that producers bump only when someone sleeps. A producer facing a full
 * ring spins, yields, then parks in growing steps.
 */
public final class ShmRingQueue extends AbstractMappedResource implements IpcShmQueue {

    static final String KIND = "shm ring queue";

    /** Busy spins of a producer facing a full ring before it yields. */
    private static final int SPINS = 1_000;

    /**
     * A spinning receive checks its deadline, interruption and close on looks 1, 65, 129, ...; a
     * spinning send, its deadline on attempts 1, 65, 129, ...
     */
    private static final int DEADLINE_CHECK_MASK = 63;

    /**
     * A producer facing a full ring checks the header on its first attempt, and the size too on
     * attempts 1024, 2048, ...: the size check is a system call, which a ring full for a moment
     * (a small ring under a fast producer is so all the time) must not pay.
     */
    private static final int HEADER_CHECK_MASK = 1023;

    /** Yields of a producer facing a full ring before it parks (a few milliseconds at most). */
    private static final int PRODUCER_YIELDS = 10_000;

    private static final long MAX_PRODUCER_PARK_NANOS = 1_000_000L;

    private final long stallTimeoutNanos;

    /** How this object's receives wait while the ring is empty. */
    private final IpcIdleStrategy idle;

    /** This handle's id in the producer or consumer slot, {@code pid << 32 | token}. */
    private final long handleId;

    private final RingArea ring;

    private final RingProducer producer;

    private final RingConsumer consumer;

    /** Whether every send and receive first checks the object's size (one lseek each). */
    private final boolean sizeChecked;

    /**
     * Establishes the header (initialises and publishes it, or awaits and checks a peer's), then
     * picks this handle's producer and consumer for the topology the header fixes. A failure
     * undoes the open ({@code establish} discards this handle) and propagates.
     */
    private ShmRingQueue(String name, SharedMapping mapping, RingSettings requested, Duration stallTimeout,
            IpcIdleStrategy idle, boolean sizeChecked) {
        super(KIND, name, mapping);
        this.idle = idle;
        this.sizeChecked = sizeChecked;
        this.stallTimeoutNanos = Waits.toNanos(stallTimeout);
        this.handleId = OwnerWord.of(Sys.pid(), ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) + 1L);
        String resource = description();
        establish(RingDescriptor.MAGIC, RingDescriptor.VERSION,
                () -> RingDescriptor.initialize(mapping.buffer(), requested),
                () -> RingDescriptor.check(mapping.buffer(), mapping.size(), resource));
        RingSettings settings = RingDescriptor.settings(mapping.buffer());
        RingArea area = new RingArea(mapping, settings, resource);
        this.ring = area;
        this.producer = settings.singleProducer() ? SoleProducer.on(area, this.handleId) : SharedProducer.on(area);
        this.consumer = settings.singleConsumer() ? SoleConsumer.on(area, this.stallTimeoutNanos, this.handleId)
                : LockedConsumer.on(area, this.stallTimeoutNanos, OwnerWord.pidOf(this.handleId));
    }

    /**
     * Creates or opens a ring. {@code singleProducer} and {@code singleConsumer} apply when this
     * call creates it; an existing ring keeps the modes it was created with, like its capacity.
     */
    public static ShmRingQueue open(String name, int maxMessages, int maxMessageSize, int mode, CreateMode create,
            Duration stallTimeout, IpcIdleStrategy idle, boolean singleProducer, boolean singleConsumer) {
        return open(name, maxMessages, maxMessageSize, mode, create, IpcTrust.OWNER_ONLY, stallTimeout, idle,
                singleProducer, singleConsumer, false);
    }

    /**
     * Opens or creates the ring; an existing one is used only when {@code trust} accepts it
     * (squatting). With {@code sizeChecked} every send and receive first checks that no other
     * process truncated the object (see {@link IpcMessageQueue.ShmBuilder#sizeChecked}).
     */
    public static ShmRingQueue open(String name, int maxMessages, int maxMessageSize, int mode, CreateMode create,
            IpcTrust trust, Duration stallTimeout, IpcIdleStrategy idle, boolean singleProducer,
            boolean singleConsumer, boolean sizeChecked) {
        RingSettings requested = new RingSettings(RingDescriptor.capacityFor(maxMessages, maxMessageSize),
                maxMessageSize, maxMessages, singleProducer, singleConsumer);
        SharedMapping mapping = SharedMapping.open(KIND, name,
                (create == CreateMode.OPEN_ONLY) ? 0 : RingDescriptor.HEADER_LENGTH + requested.capacity(), mode,
                create, trust, true); // a ring walks all its pages: fault them in now, not mid-message
        return new ShmRingQueue(name, mapping, requested, stallTimeout, idle, sizeChecked);
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
        RingArea area = this.ring;
        if (payload.length > area.maxMessageSize) {
            throw new IpcMessageTooLargeException(description(), null, Errno.EMSGSIZE, description() + ": a payload of "
                    + payload.length + " bytes exceeds the queue's max-message-size of " + area.maxMessageSize
                    + " bytes; send less, or recreate the queue with a larger max-message-size");
        }
        // No in-flight counting on the hot path: the mapping outlives close() until this object
        // is unreachable (see closeHandle), so a racing call can never touch unmapped memory.
        ensureOpen();
        RingProducer sender = this.producer;
        try {
            checkSize(area);
            if (sender.offer(payload, tag)) {
                return true;
            }
            long deadline = Waits.deadline(timeoutNanos);
            long park = 1_000L;
            for (long attempt = 1;; attempt++) {
                // Full, or so it seems: a header something else wrote into could say so forever.
                if (attempt == 1) {
                    area.checkHeader();
                }
                else if ((attempt & HEADER_CHECK_MASK) == 0) {
                    area.checkIntact();
                }
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
                if (sender.offer(payload, tag)) {
                    return true;
                }
                // While spinning, the clock on attempts 1, 65, 129, ... only: a clock read costs
                // as much as several attempts (a spinning producer spent 15 % of its time in it).
                if ((attempt >= SPINS || (attempt & DEADLINE_CHECK_MASK) == 1) && System.nanoTime() - deadline >= 0) {
                    return false;
                }
            }
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        catch (InternalError ex) {
            throw faulted(ex);
        }
    }

    // ---- consuming ------------------------------------------------------------------------

    @Override
    public int poll(IpcMessageHandler handler, int limit) {
        ensureOpen();
        RingConsumer reader = this.consumer;
        try {
            checkSize(this.ring);
            reader.checkThread();
            return reader.poll(handler, limit);
        }
        catch (InternalError ex) {
            throw faulted(ex);
        }
    }

    @Override
    public int receive(IpcMessageHandler handler, int limit, Duration timeout) throws InterruptedException {
        checkWaitable();
        RingConsumer reader = this.consumer;
        try {
            checkSize(this.ring);
            reader.checkThread();
            int handled = reader.poll(handler, limit, false);
            if (handled > 0) {
                return handled;
            }
            long deadline = Waits.deadline(Waits.toNanos(timeout));
            for (long look = 1;; look++) {
                if (!pause(look, deadline)) {
                    return 0;
                }
                handled = reader.poll(handler, limit, !this.idle.spinsBefore(look));
                if (handled > 0) {
                    return handled;
                }
            }
        }
        catch (InternalError ex) {
            throw faulted(ex);
        }
    }

    @Override
    public int receive(byte[] target, Duration timeout) throws InterruptedException {
        checkWaitable();
        RingConsumer reader = this.consumer;
        try {
            checkSize(this.ring);
            reader.checkThread();
            int length = reader.readInto(target, false);
            if (length >= 0) {
                return length;
            }
            long deadline = Waits.deadline(Waits.toNanos(timeout));
            for (long look = 1;; look++) {
                if (!pause(look, deadline)) {
                    return -1;
                }
                length = reader.readInto(target, !this.idle.spinsBefore(look));
                if (length >= 0) {
                    return length;
                }
            }
        }
        catch (InternalError ex) {
            throw faulted(ex);
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
        RingConsumer reader = this.consumer;
        try {
            checkSize(this.ring);
            reader.checkThread();
            IpcMessage message = reader.readMessage(false);
            if (message != null) {
                return message;
            }
            long deadline = Waits.deadline(timeoutNanos);
            for (long look = 1;; look++) {
                if (!pause(look, deadline)) {
                    return null;
                }
                message = reader.readMessage(!this.idle.spinsBefore(look));
                if (message != null) {
                    return message;
                }
            }
        }
        catch (InternalError ex) {
            throw faulted(ex);
        }
    }

    /** The per-call size check of a {@code size-checked} ring; free (a final field) otherwise. */
    private void checkSize(RingArea area) {
        if (this.sizeChecked) {
            area.requireSize();
        }
    }

    /**
     * What a fault HotSpot raised inside a call was: on a ring another process truncated, an
     * {@link IpcException} naming it; otherwise not ours, rethrown. HotSpot raises it after the
     * faulting access, so it lands here only sometimes; the next wait or a size check catches
     * the rest.
     */
    private IpcException faulted(InternalError ex) {
        if (!this.ring.truncated()) {
            throw ex;
        }
        return mappingGone(ex);
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
            try {
                this.consumer.sleepUntilSignalled(NativeScratch.current(), Waits.nextSlice(deadline));
            }
            catch (NativeError ex) {
                throw translate(ex);
            }
        }
        else {
            Thread.yield();
        }
        checkWaitable();
        return true;
    }

    // ---- observing ------------------------------------------------------------------------

    @Override
    public int depth() {
        enter();
        try {
            RingArea area = this.ring;
            // A gauge reads this from a metrics thread: a fault there would be nobody's to name.
            area.requireSize();
            long head = area.head();
            return RecordWalker.count(area, head, area.tail());
        }
        finally {
            exit();
        }
    }

    @Override
    public int capacity() {
        return this.ring.settings.maxMessages();
    }

    @Override
    public int maxMessageSize() {
        return this.ring.maxMessageSize;
    }

    /**
     * Closes the descriptor now and unmaps when this queue is unreachable, as the JDK does for a
     * MappedByteBuffer: sends and receives then need no in-flight counting, which would cost two
     * atomic instructions per message, and a thread still inside a call keeps the memory mapped.
     */
    @Override
    protected void closeHandle() throws NativeError {
        if (this.producer == null || this.consumer == null) {
            // The constructor failed to establish the header and discards this handle, which no
            // other thread has seen: unmap now, as the open of any other kind would.
            super.closeHandle();
            return;
        }
        // Releasing the producer and consumer slots is a compare-and-set in the mapping, which
        // kills the JVM (SIGBUS) if another process truncated the object: skip it then. The
        // slots are gone with the memory anyway.
        if (!mapping().isTruncated()) {
            this.producer.release();
            this.consumer.release();
        }
        mapping().releaseWhenUnreachable(this);
    }

    /** The ring's descriptor must still say what it said at open (see {@link RingDescriptor#checkIntact}). */
    @Override
    protected @Nullable String inspectContents() {
        try {
            this.ring.checkIntact();
            return null;
        }
        catch (IpcException ex) {
            return ex.getMessage();
        }
    }

    @Override
    public boolean singleProducer() {
        return this.ring.settings.singleProducer();
    }

    @Override
    public boolean singleConsumer() {
        return this.ring.settings.singleConsumer();
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
        this.ring.requireSize();
        return this.ring.reclaimed();
    }

}
