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

    private final String id;

    private final boolean manyToOne;

    private final boolean copy;

    /**
     * @param manyToOne {@link ManyToOneRingBuffer} (CAS on the tail, like our queue) instead of
     *     {@link OneToOneRingBuffer}
     * @param copy the receiver copies each record into a fresh byte[] (what a plain
     *     {@code receive()} does) instead of reading it in place
     */
    AgronaMechanism(String id, boolean manyToOne, boolean copy) {
        this.id = id;
        this.manyToOne = manyToOne;
        this.copy = copy;
    }

    @Override
    public String id() {
        return this.id;
    }

    @Override
    public String description() {
        return "Agrona " + (this.manyToOne ? "ManyToOneRingBuffer" : "OneToOneRingBuffer")
                + (this.copy ? ", each record copied into a new byte[]" : ", handler reads in place");
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
        File file = new File("/dev/shm", name);
        MappedByteBuffer mapped = create
                ? IoUtil.mapNewFile(file, RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH, true)
                : IoUtil.mapExistingFile(file, name);
        UnsafeBuffer buffer = new UnsafeBuffer(mapped);
        RingBuffer ring = this.manyToOne ? new ManyToOneRingBuffer(buffer) : new OneToOneRingBuffer(buffer);
        return new AgronaChannel(ring, mapped, file, size, this.copy);
    }

    private static final class AgronaChannel implements Channel, MessageHandler {

        private final RingBuffer ring;

        private final MappedByteBuffer mapped;

        private final File file;

        private final UnsafeBuffer message;

        private final int size;

        private final boolean copy;

        private long lastSeq = -1;

        AgronaChannel(RingBuffer ring, MappedByteBuffer mapped, File file, int size, boolean copy) {
            this.ring = ring;
            this.mapped = mapped;
            this.file = file;
            this.message = new UnsafeBuffer(new byte[size]);
            this.size = size;
            this.copy = copy;
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
            if (this.copy) {
                byte[] payload = new byte[length];
                buffer.getBytes(index, payload);
                this.lastSeq = Seq.get(payload);
            }
            else {
                this.lastSeq = buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
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
