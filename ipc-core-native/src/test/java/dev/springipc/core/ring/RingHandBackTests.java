package dev.springipc.core.ring;

import java.time.Duration;
import java.util.Arrays;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a consumer that never runs dry hands read records back to producers in a large ring: in
 * steps of at most {@link RingConsumer#MAX_CLEARING_LAG}, not of a quarter of the ring (which
 * would zero megabytes of lines long out of cache in one go), and, for many producers, zeroed.
 */
class RingHandBackTests {

    /** 64-byte payloads: 72-byte records. */
    private static final int PAYLOAD = 64;

    private static final int RECORD = RecordDescriptor.align(RecordDescriptor.HEADER_LENGTH + PAYLOAD);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @ParameterizedTest(name = "single producer and consumer: {0}")
    @ValueSource(booleans = { false, true })
    void aBusyConsumerHandsBackWithinTheLagCapOfItsHead(boolean single) throws Exception {
        String name = this.cleanup.posixName("hand-back");
        // 8192 records of 72 bytes: a 1 MiB area, whose quarter is far above the cap.
        IpcShmQueue queue = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(8192).maxMessageSize(PAYLOAD)
            .singleProducer(single).singleConsumer(single).create(CreateMode.CREATE_ONLY).open());
        int messages = 3 * RingConsumer.MAX_CLEARING_LAG / RECORD;
        byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < messages; i++) {
            Arrays.fill(payload, (byte) (i | 1));
            queue.send(payload);
        }
        // Read two caps' worth, never finding the ring empty (an empty look hands back anyway).
        byte[] target = new byte[PAYLOAD];
        for (int i = 0; i < 2 * RingConsumer.MAX_CLEARING_LAG / RECORD; i++) {
            assertThat(queue.receive(target, Duration.ofSeconds(5))).isEqualTo(PAYLOAD);
            assertThat(target[0]).isEqualTo((byte) (i | 1));
        }
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            int capacity = RingHeaderCorruptionTests.getInt(raw, RingDescriptor.CAPACITY_OFFSET);
            assertThat(capacity / 4).as("a quarter of the ring is above the cap").isGreaterThan(4 * RingConsumer.MAX_CLEARING_LAG);
            long head = raw.getLong(RingDescriptor.HEAD_OFFSET);
            long cleared = raw.getLong(RingDescriptor.CLEARED_OFFSET);
            assertThat(head).isGreaterThan(RingConsumer.MAX_CLEARING_LAG + RingDescriptor.CACHE_LINE_LENGTH);
            assertThat(head - cleared).as("head %d, cleared %d", head, cleared)
                .isLessThan(RingConsumer.MAX_CLEARING_LAG + RingDescriptor.CACHE_LINE_LENGTH);
            if (!single) {
                // Many producers find the space they are handed zeroed: nothing there looks claimed.
                for (int offset = 0; offset < cleared; offset += Long.BYTES) {
                    assertThat(raw.getLong(RingArea.BASE + offset)).as("byte %d of the area", offset).isZero();
                }
            }
        }
        queue.unlink();
    }
}
