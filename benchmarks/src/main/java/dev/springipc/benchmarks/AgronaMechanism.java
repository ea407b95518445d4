package dev.springipc.benchmarks;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/** The baseline: an Agrona ring buffer over a file in /dev/shm, both sides busy-spinning. */
final class AgronaMechanism implements Mechanism {

    static final int RING_BYTES = 64 * 1024;

    private static final int MESSAGE_TYPE = 1;

    /** What the receiving handler does with each record. */
    enum Receive {
        /** Reads the sequence number in place (the counterpart of our {@code poll(handler)}). */
        IN_PLACE(", handler reads in place"),
        /** Copies the record into a new byte[] (what a plain {@code receive()} does). */
        COPY_NEW(", each record copied into a new byte[]"),
        /** Copies the record into one reused byte[] (the counterpart of our {@code receive(byte[])}). */
        COPY_REUSED(", each record copied into one reused byte[]");

        final String description;

        Receive(String description) {
            this.description = description;
        }
    }

    private final String id;

    private final boolean manyToOne;

    private final Receive receive;

    /**
     * @param manyToOne {@link ManyToOneRingBuffer} (CAS on the tail, like our queue) instead of
     *     {@link OneToOneRingBuffer}
     * @param copy the receiver copies each record into a fresh byte[] (what a plain
     *     {@code receive()} does) instead of reading it in place
     */
    AgronaMechanism(String id, boolean manyToOne, boolean copy) {
        this.id = id;
        this.manyToOne = manyToOne;
        this.receive = copy ? Receive.COPY_NEW : Receive.IN_PLACE;
    }

    @Override
    public String id() {
        return this.id;
    }

    @Override
    public String description() {
        return "Agrona " + (this.manyToOne ? "ManyToOneRingBuffer" : "OneToOneRingBuffer")
                + this.receive.description;
    }

    @Override
    public String baseline() {
        return this.id;
    }

    @Override
    public boolean spins() {
        return true;
    }

    @Override
    public Channel open(String name, int size, boolean create) {
        return open(name, size, create, RING_BYTES, this.manyToOne, this.receive);
    }

    /**
     * Opens (creating if {@code create}) a ring of {@code ringBytes} (a power of two) in /dev/shm,
     * for messages of {@code size} bytes.
     */
    static Channel open(String name, int size, boolean create, int ringBytes, boolean manyToOne, Receive receive) {
        File file = new File("/dev/shm", name);
        MappedByteBuffer mapped = create
                ? IoUtil.mapNewFile(file, ringBytes + RingBufferDescriptor.TRAILER_LENGTH, true)
                : IoUtil.mapExistingFile(file, name);
        UnsafeBuffer buffer = new UnsafeBuffer(mapped);
        RingBuffer ring = manyToOne ? new ManyToOneRingBuffer(buffer) : new OneToOneRingBuffer(buffer);
        return new AgronaChannel(ring, mapped, file, size, receive);
    }

    private static final class AgronaChannel implements Channel, MessageHandler {

        private final RingBuffer ring;

        private final MappedByteBuffer mapped;

        private final File file;

        private final UnsafeBuffer message;

        private final int size;

        private final Receive receive;

        /** The reused target of {@link Receive#COPY_REUSED}. */
        private final byte[] target;

        private long lastSeq = -1;

        AgronaChannel(RingBuffer ring, MappedByteBuffer mapped, File file, int size, Receive receive) {
            this.ring = ring;
            this.mapped = mapped;
            this.file = file;
            this.message = new UnsafeBuffer(new byte[size]);
            this.size = size;
            this.receive = receive;
            this.target = new byte[size];
        }

        @Override
        public void send(long seq) {
            this.message.putLong(0, seq, ByteOrder.LITTLE_ENDIAN);
            while (!this.ring.write(MESSAGE_TYPE, this.message, 0, this.size)) {
                Thread.onSpinWait();
            }
        }

        @Override
        public int poll(int limit) {
            return this.ring.read(this, limit);
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            switch (this.receive) {
                case IN_PLACE -> this.lastSeq = Seq.following(this.lastSeq, buffer.getLong(index, ByteOrder.LITTLE_ENDIAN));
                case COPY_NEW -> {
                    byte[] payload = new byte[length];
                    buffer.getBytes(index, payload);
                    this.lastSeq = Seq.following(this.lastSeq, Seq.get(payload));
                }
                case COPY_REUSED -> {
                    buffer.getBytes(index, this.target, 0, length);
                    this.lastSeq = Seq.following(this.lastSeq, Seq.get(this.target));
                }
            }
        }

        @Override
        public long lastSeq() {
            return this.lastSeq;
        }

        @Override
        public void remove() {
            this.file.delete();
        }

        @Override
        public void close() {
            IoUtil.unmap(this.mapped);
        }
    }
}
