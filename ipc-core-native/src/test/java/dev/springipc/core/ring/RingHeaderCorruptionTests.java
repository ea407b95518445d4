package dev.springipc.core.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ring whose header something other than this library wrote into, through a second mapping of
 * the same object in /dev/shm: refused on open, and noticed by the handles already using it,
 * with an error that names the field.
 */
class RingHeaderCorruptionTests {

    /** 8 messages of up to 64 bytes: a 2 KiB record area, a 3 KiB object. */
    private static final int CAPACITY = 2048;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcShmQueue create(String name, boolean single) {
        return this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(8).maxMessageSize(64).singleProducer(single)
            .singleConsumer(single).create(CreateMode.CREATE_ONLY).open());
    }

    private static IpcShmQueue openExisting(String name) {
        return IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open();
    }

    @Test
    void aHeaderNoWorkingRingHasIsRefusedOnOpenNamingTheField() throws Exception {
        String name = this.cleanup.posixName("corrupt-open");
        IpcShmQueue queue = create(name, false);
        // Move the positions off zero, so that "cleared" and "head" have something to be wrong against.
        for (int i = 0; i < 20; i++) {
            queue.send(bytes("message " + i));
            assertThat(queue.receive(Duration.ofSeconds(5))).isPresent();
        }
        // An empty look zeroes what was read and moves "cleared".
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            long cleared = raw.getLong(RingDescriptor.CLEARED_OFFSET);
            assertThat(cleared).as("the ring has cleared something").isPositive();
            assertRefusedWith(raw, name, RingDescriptor.CAPACITY_OFFSET, 3000, "capacity 3000 (expected a power of two");
            assertRefusedWith(raw, name, RingDescriptor.CAPACITY_OFFSET, 1 << 20,
                    "capacity 1048576 (expected an area that fits the object: with the header it needs 1049600 bytes,"
                            + " the object has 3072)");
            assertRefusedWith(raw, name, RingDescriptor.MAX_MESSAGE_SIZE_OFFSET, 0, "max message size 0");
            assertRefusedWith(raw, name, RingDescriptor.MAX_MESSAGE_SIZE_OFFSET, 5000, "max message size 5000");
            assertRefusedWith(raw, name, RingDescriptor.MAX_MESSAGES_OFFSET, -1, "max messages -1");
            assertRefusedWithPosition(raw, name, RingDescriptor.TAIL_OFFSET, cleared + 100L * CAPACITY,
                    "tail position " + (cleared + 100L * CAPACITY));
            assertRefusedWithPosition(raw, name, RingDescriptor.TAIL_OFFSET, raw.getLong(RingDescriptor.TAIL_OFFSET) + 4,
                    "tail position");
            assertRefusedWithPosition(raw, name, RingDescriptor.HEAD_OFFSET, cleared + CAPACITY + 8,
                    "head position " + (cleared + CAPACITY + 8));
            assertRefusedWithPosition(raw, name, RingDescriptor.HEAD_OFFSET, cleared - 8, "head position");
            assertRefusedWithPosition(raw, name, RingDescriptor.CLEARED_OFFSET, cleared + 12,
                    "cleared position " + (cleared + 12));
            assertRefusedWithPosition(raw, name, RingDescriptor.CLEARED_OFFSET, -64, "cleared position -64");
        }
        // Every field was put back: the ring opens and works again.
        try (IpcShmQueue again = openExisting(name)) {
            again.send(bytes("after"));
            assertThat(queue.receive(Duration.ofSeconds(5))).isPresent();
        }
        queue.unlink();
    }

    @Test
    void aHeaderCorruptedWhileManyProducersAndConsumersUseItIsNoticedByBoth() throws Exception {
        String name = this.cleanup.posixName("corrupt-many");
        IpcShmQueue queue = create(name, false);
        queue.send(bytes("before"));
        assertThat(queue.receive(Duration.ofSeconds(5))).isPresent();
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            long tail = raw.getLong(RingDescriptor.TAIL_OFFSET);
            raw.putLong(RingDescriptor.TAIL_OFFSET, tail + 64L * CAPACITY);
            // The tail says the ring is full: the producer checks the header before it waits.
            assertThatThrownBy(() -> queue.trySend(bytes("lost?"), 0, Duration.ofMillis(100)))
                .isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: tail position " + (tail + 64L * CAPACITY));
            // The consumer finds nothing at the head: the thorough look checks the header.
            assertThatThrownBy(() -> queue.receive(Duration.ofMillis(500))).isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: tail position");
            raw.putLong(RingDescriptor.TAIL_OFFSET, tail);

            long magic = raw.getLong(0);
            raw.putLong(0, 0x5A5A5A5A5A5A5A5AL);
            assertThatThrownBy(() -> queue.receive(new byte[64], Duration.ofMillis(500)))
                .isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: magic 0x5a5a5a5a5a5a5a5a");
            raw.putLong(0, magic);

            putInt(raw, RingDescriptor.CAPACITY_OFFSET, 2 * CAPACITY);
            // poll looks thoroughly on every 1024th empty look only: poll until it does.
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    queue.poll((buffer, offset, length, tag) -> {
                    }, 10);
                }
            }).isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: capacity 4096 (expected it was 2048 when this handle"
                        + " opened it)");
            putInt(raw, RingDescriptor.CAPACITY_OFFSET, CAPACITY);
        }
        queue.send(bytes("after"));
        assertThat(queue.receive(Duration.ofSeconds(5))).map(m -> new String(m.payload(), StandardCharsets.UTF_8))
            .hasValue("after");
        queue.unlink();
    }

    @Test
    void aHeaderCorruptedUnderTheSoleProducerAndConsumerIsNoticedByBoth() throws Exception {
        String name = this.cleanup.posixName("corrupt-sole");
        IpcShmQueue queue = create(name, true);
        queue.send(bytes("before"));
        assertThat(queue.receive(Duration.ofSeconds(5))).isPresent();
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            putInt(raw, RingDescriptor.CONSUMERS_OFFSET, RingDescriptor.MANY_CONSUMERS);
            assertThatThrownBy(() -> queue.receive(Duration.ofMillis(500))).isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: consumers 0 (expected it was 1 when this handle opened it)");
            // The sole producer keeps its own tail and looks at the header once the ring seems full.
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000; i++) {
                    queue.trySend(new byte[64], 0, Duration.ZERO);
                }
            }).isInstanceOf(IpcException.class).hasMessageContaining("its header is corrupt: consumers 0");
            putInt(raw, RingDescriptor.CONSUMERS_OFFSET, RingDescriptor.SINGLE_CONSUMER);
        }
        assertThat(queue.depth()).as("the sends before the ring was full went through").isPositive();
        queue.unlink();
    }

    private static void assertRefusedWith(IpcSharedSegment raw, String name, int offset, int value, String expected) {
        int original = getInt(raw, offset);
        putInt(raw, offset, value);
        try {
            assertThatThrownBy(() -> openExisting(name)).isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: " + expected)
                .hasMessageContaining("remove it or recreate it");
        }
        finally {
            putInt(raw, offset, original);
        }
    }

    private static void assertRefusedWithPosition(IpcSharedSegment raw, String name, int offset, long value,
            String expected) {
        long original = raw.getLong(offset);
        raw.putLong(offset, value);
        try {
            assertThatThrownBy(() -> openExisting(name)).isInstanceOf(IpcException.class)
                .hasMessageContaining("its header is corrupt: " + expected);
        }
        finally {
            raw.putLong(offset, original);
        }
    }

    /** A 32-bit header word, native order (the segment API reads longs and bytes). */
    static int getInt(IpcSharedSegment raw, int offset) {
        byte[] bytes = new byte[Integer.BYTES];
        raw.read(offset, bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt();
    }

    private static void putInt(IpcSharedSegment raw, int offset, int value) {
        raw.write(offset, ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, value).array());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
