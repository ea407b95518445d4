package dev.springipc.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;

/**
 * Our shared-memory ring queue, through one of its three receive forms, with a single consumer
 * as Agrona's rings have: single-producer (compared with Agrona's one-to-one ring) or
 * many-producer (compared with its many-to-one).
 */
final class ShmMechanism implements Mechanism {

    /** How the receiver takes messages; the sender always uses {@code send(byte[])}. */
    enum Form {
        /** {@code receive(Duration)}: a new {@code IpcMessage} and byte[] per message. */
        PLAIN("shm", "agrona-copy", "send(byte[]) / receive(Duration) -> IpcMessage"),
        /** {@code receive(byte[], Duration)}: copies into one reused array. */
        INTO("shm-into", "agrona-handler", "send(byte[]) / receive(byte[] target, Duration)"),
        /** {@code poll(handler, limit)} in a busy loop: reads in place. */
        POLL("shm-poll", "agrona-handler", "send(byte[]) / poll(handler, limit) busy loop"),
        /** As {@link #POLL}, on a many-producer ring (a CAS per send). */
        MANY_POLL("shm-mp-poll", "agrona-m2o", "many-producer ring, send(byte[]) / poll(handler, limit) busy loop");

        final String id;

        final String baseline;

        final String description;

        Form(String id, String baseline, String description) {
            this.id = id;
            this.baseline = baseline;
            this.description = description;
        }
    }

    /** Ring area of 64 KiB, the size of the Agrona ring it is compared with. */
    static final int RING_BYTES = 64 * 1024;

    private final Form form;

    ShmMechanism(Form form) {
        this.form = form;
    }

    @Override
    public String id() {
        return this.form.id;
    }

    @Override
    public String description() {
        return "shm queue " + this.form.description;
    }

    private boolean singleProducer() {
        return this.form != Form.MANY_POLL;
    }

    @Override
    public String baseline() {
        return this.form.baseline;
    }

    @Override
    public boolean spins() {
        // Every form spins before it sleeps (receive(Duration) too), and all deserve the long,
        // JIT-warmed run the Agrona baselines get; a short blocking-size run measured mostly warm-up.
        return true;
    }

    @Override
    public Channel open(String name, int size, boolean create) {
        return open(name, size, create, RING_BYTES, singleProducer(), this.form);
    }

    /**
     * Opens (creating if {@code create}) a single-consumer queue whose ring area is
     * {@code ringBytes} (a power of two), for messages of {@code size} bytes, received in
     * {@code form} ({@link Form#MANY_POLL} is {@link Form#POLL}'s receive form).
     */
    static Channel open(String name, int size, boolean create, int ringBytes, boolean singleProducer, Form form) {
        // capacityFor doubles maxMessages x aligned record and rounds up to a power of two:
        // this gives an area of exactly ringBytes.
        int record = (8 + size + 7) & -8;
        IpcShmQueue queue = IpcMessageQueue.shm("/" + name).maxMessages(ringBytes / 2 / record)
                .maxMessageSize(size).singleProducer(singleProducer).singleConsumer(true)
                .create(create ? CreateMode.CREATE_ONLY : CreateMode.OPEN_ONLY).open();
        return switch (form) {
            case PLAIN -> QueueChannel.of(queue, size);
            case INTO -> new IntoChannel(queue, size);
            case POLL, MANY_POLL -> new PollChannel(queue, size);
        };
    }

    /** Common sending and cleanup for the two zero-allocation receive forms. */
    private abstract static class ZeroAllocChannel implements Channel {

        final IpcShmQueue queue;

        final byte[] message;

        long lastSeq = -1;

        ZeroAllocChannel(IpcShmQueue queue, int size) {
            this.queue = queue;
            this.message = new byte[size];
        }

        @Override
        public final void send(long seq) throws InterruptedException {
            Seq.put(this.message, seq);
            this.queue.send(this.message);
        }

        @Override
        public final long lastSeq() {
            return this.lastSeq;
        }

        @Override
        public final void remove() {
            Resources.unlinkQuietly(this.queue);
        }

        @Override
        public final void close() {
            this.queue.close();
        }
    }

    private static final class IntoChannel extends ZeroAllocChannel {

        private static final Duration WAIT = Duration.ofMillis(50);

        private final byte[] target;

        IntoChannel(IpcShmQueue queue, int size) {
            super(queue, size);
            this.target = new byte[size];
        }

        @Override
        public int poll(int limit) throws InterruptedException {
            if (this.queue.receive(this.target, WAIT) < 0) {
                return 0;
            }
            this.lastSeq = Seq.get(this.target);
            return 1;
        }
    }

    private static final class PollChannel extends ZeroAllocChannel implements IpcMessageHandler {

        PollChannel(IpcShmQueue queue, int size) {
            super(queue, size);
        }

        @Override
        public int poll(int limit) {
            return this.queue.poll(this, limit);
        }

        @Override
        public void onMessage(ByteBuffer buffer, int offset, int length, int tag) {
            this.lastSeq = Seq.following(this.lastSeq, Seq.get(buffer, offset));
        }
    }
}
