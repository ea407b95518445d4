package dev.springipc.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.springipc.core.posix.PosixMessageQueue;
import dev.springipc.core.ring.ShmRingQueue;
import dev.springipc.core.sysv.SysvMessageQueue;

/**
 * A message queue between processes: whole messages, each delivered once, to one receiver.
 * Payloads are raw bytes; a native peer sees exactly what was sent.
 * <p>
 * Blocking calls wait in short slices, so an interrupted thread or a {@link #close()} from
 * another thread ends a wait within about 100 ms. {@code Duration.ZERO} makes the timed calls
 * non-blocking.
 */
public interface IpcMessageQueue extends IpcChannel {

    /** A builder for the POSIX message queue {@code name} (e.g. {@code /demo.orders}). */
    static PosixBuilder posix(String name) {
        return new PosixBuilder(name);
    }

    /**
     * A builder for the System V message queue with {@code key} (not 0, which is IPC_PRIVATE);
     * see {@link SysvKey#of(String)} to derive a key from a name.
     */
    static SysvBuilder sysv(int key) {
        return new SysvBuilder(key);
    }

    /** A builder for the shared-memory ring queue {@code name} (e.g. {@code /demo.ticks}). */
    static ShmBuilder shm(String name) {
        return new ShmBuilder(name);
    }

    /** Sends with priority 0, waiting while the queue is full. */
    @Override
    default void send(byte[] payload) throws InterruptedException {
        send(payload, 0);
    }

    /** Sends with {@code priority}; the type applies to System V queues only. */
    @Override
    default void send(byte[] payload, int priority, long type) throws InterruptedException {
        send(payload, priority);
    }

    /** Sends with {@code priority}, waiting while the queue is full. */
    void send(byte[] payload, int priority) throws InterruptedException;

    /** Sends with {@code priority}, waiting at most {@code timeout} for room; returns whether it was sent. */
    boolean trySend(byte[] payload, int priority, Duration timeout) throws InterruptedException;

    /**
     * Sends with the delivery hints of {@link IpcChannel#send(byte[], int, long)} ({@code priority}
     * on a POSIX queue, {@code type} on a System V queue), waiting at most {@code timeout} for
     * room; returns whether it was sent.
     */
    default boolean trySend(byte[] payload, int priority, long type, Duration timeout) throws InterruptedException {
        return trySend(payload, priority, timeout);
    }

    /** Receives the next message (the oldest of the highest priority), waiting as long as needed. */
    IpcMessage receive() throws InterruptedException;

    /** Receives the next message, waiting at most {@code timeout}; empty if none came. */
    @Override
    Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;

    /** Messages waiting now (a snapshot). */
    int depth();

    /** The most messages the queue holds before senders wait. */
    int capacity();

    /** The largest payload in bytes. */
    int maxMessageSize();

    /** Options for a POSIX queue; the setters mirror the {@code ipc.queues.*} keys. */
    final class PosixBuilder extends IpcBuilderSupport<PosixBuilder> {

        private final String name;

        private int maxMessages = 10;

        private int maxMessageSize = 8192;

        private PosixBuilder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Capacity when this call creates the queue; default 10, the Linux default of
         * {@code /proc/sys/fs/mqueue/msg_max}, which caps it for unprivileged processes.
         */
        public PosixBuilder maxMessages(int maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * Largest payload when this call creates the queue; default 8192, the Linux default of
         * {@code /proc/sys/fs/mqueue/msgsize_max}.
         */
        public PosixBuilder maxMessageSize(int maxMessageSize) {
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1: " + maxMessageSize);
            }
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        public IpcMessageQueue open() {
            return PosixMessageQueue.open(this.name, this.maxMessages, this.maxMessageSize, this.mode, this.create,
                    this.trust);
        }
    }

    /**
     * Options for a System V queue; the setters mirror the {@code ipc.queues.*} keys with
     * {@code type: sysv}.
     */
    final class SysvBuilder extends IpcBuilderSupport<SysvBuilder> {

        private final int key;

        private long maxBytes;

        private int maxMessageSize;

        private SysvBuilder(int key) {
            this.key = key;
        }

        /**
         * {@code msg_qbytes} when this call creates the queue: the payload bytes (and messages) it
         * holds before senders wait. Default: the kernel's, {@code /proc/sys/kernel/msgmnb}, which
         * is also the most an unprivileged process may set.
         */
        public SysvBuilder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * The largest payload this handle sends, checked before the call. Default and upper
         * bound: {@code /proc/sys/kernel/msgmax}, the system-wide limit (System V queues have no
         * per-queue message size).
         */
        public SysvBuilder maxMessageSize(int maxMessageSize) {
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1: " + maxMessageSize);
            }
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        /** System V modes hold permission bits only ({@code 0..0777}). */
        @Override
        int checkMode(int mode) {
            return Permissions.checkSysvMode(mode);
        }

        public IpcSysvMessageQueue open() {
            return SysvMessageQueue.open(this.key, this.maxBytes, this.maxMessageSize, this.mode, this.create,
                    this.trust);
        }
    }

    /** Options for a shared-memory ring queue; the setters mirror the {@code ipc.queues.*} keys. */
    final class ShmBuilder extends IpcBuilderSupport<ShmBuilder> {

        private final String name;

        private int maxMessages = 128;

        private int maxMessageSize = 8192;

        private Duration stallTimeout = Duration.ofSeconds(1);

        private IpcIdleStrategy idleStrategy = IpcIdleStrategy.BACKOFF;

        private boolean singleProducer;

        private boolean singleConsumer;

        private boolean sizeChecked;

        private ShmBuilder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Messages of the maximum size the ring holds at least; default 128. The ring's byte
         * capacity is derived from this and {@link #maxMessageSize(int)}, twice
         * {@code maxMessages × (8 + maxMessageSize)} rounded up to a power of two (at least 1 KiB,
         * and with one message room for two and 72 bytes more, so that an empty ring always takes
         * a maximum-size message), and reserved in /dev/shm when the ring is created: 4 MiB with
         * the defaults. Smaller messages fit more.
         */
        public ShmBuilder maxMessages(int maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /** Largest payload in bytes; default 8192, as for a POSIX queue. */
        public ShmBuilder maxMessageSize(int maxMessageSize) {
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1: " + maxMessageSize);
            }
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        /**
         * How long a consumer waits on a record a producer started but did not finish before it
         * presumes the producer dead and skips the record; default 1 s.
         */
        public ShmBuilder stallTimeout(Duration stallTimeout) {
            this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
            return this;
        }

        /**
         * How this handle's receives wait while the ring is empty; default
         * {@link IpcIdleStrategy#BACKOFF} (spin, yield, then sleep until a producer wakes it).
         */
        public ShmBuilder idleStrategy(IpcIdleStrategy idleStrategy) {
            this.idleStrategy = Objects.requireNonNull(idleStrategy, "idleStrategy");
            return this;
        }

        /**
         * Whether a ring this call creates takes one producer only; default false. Its sends need
         * no atomic instruction and no fence, which makes them faster (a consumer going to sleep
         * pays a membarrier(2) instead). One handle in one process may send, from one thread at a
         * time (another thread may take over once the first has ended); another sender gets an
         * {@link IpcException} naming the producer's process. A producer process that dies frees
         * its place. An existing ring keeps the mode it was created with.
         */
        public ShmBuilder singleProducer(boolean singleProducer) {
            this.singleProducer = singleProducer;
            return this;
        }

        /**
         * Whether a ring this call creates takes one consumer only; default false. Its receives
         * then take no lock (an atomic instruction per receive otherwise). One handle in one
         * process may receive, from one thread at a time (another thread may take over once the
         * first has ended); another receiver gets an {@link IpcException} naming the consumer's
         * process. A consumer process that dies frees its place. A message its
         * {@link IpcShmQueue#poll poll} handler was handling when it died is delivered again (the
         * head moves once the handler returns); one that a receive had returned is not (it was
         * the consumer's). An existing ring keeps the mode it was created with.
         */
        public ShmBuilder singleConsumer(boolean singleConsumer) {
            this.singleConsumer = singleConsumer;
            return this;
        }

        /**
         * Whether every send and receive of this handle first checks that no other process
         * truncated the ring (default false): one {@code lseek} per call, about 0.5 µs against the
         * ring's tens of nanoseconds. Then a truncation is refused with an {@link IpcException}
         * naming the ring before its memory is touched. Without it the ring checks its size only
         * where it makes a system call anyway (before a consumer sleeps, before a producer wakes
         * one, on a ring that stays full, on close), and a truncation in between surfaces as HotSpot's
         * {@link InternalError} — inside the call (translated) or at some later point of the
         * thread — or, on a compare-and-set of a many-producer or many-consumer ring, kills the
         * JVM. Only a process that can write the ring can truncate it: with the default mode 0600
         * and the trust rules, one of the same user, a trusted one, or root.
         */
        public ShmBuilder sizeChecked(boolean sizeChecked) {
            this.sizeChecked = sizeChecked;
            return this;
        }

        public IpcShmQueue open() {
            return ShmRingQueue.open(this.name, this.maxMessages, this.maxMessageSize, this.mode, this.create,
                    this.trust, this.stallTimeout, this.idleStrategy, this.singleProducer, this.singleConsumer,
                    this.sizeChecked);
        }
    }
}
