package dev.springipc.core.ring;

import java.time.Duration;
import java.util.Arrays;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.support.CpuCaches;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How consumers hand read records back to producers: a consumer that never runs dry in a large
 * ring in steps of at most {@link RingConsumer#MAX_CLEARING_LAG}, not of a quarter of the ring
 * (which would zero megabytes of lines long out of cache in one go), and, for many producers,
 * zeroed; for a single producer, zeroed only after copying reads from a small ring.
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
        // 65536 records of 72 bytes: a 16 MiB area, whose quarter is far above the cap.
        IpcShmQueue queue = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(65536).maxMessageSize(PAYLOAD)
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

    /**
     * A single producer's ring of at most half the level-2 cache is zeroed on hand-back after
     * reads that copied the records out, and not after in-place reads; a larger one is never
     * zeroed (see {@code RingConsumer.zeroesCopies}).
     */
    @ParameterizedTest(name = "copying reads: {0}")
    @ValueSource(booleans = { true, false })
    void aSingleProducersSmallRingIsZeroedAfterCopyingReadsOnly(boolean copying) throws Exception {
        // 64 messages: a 16 KiB area.
        assertThat(handedBackZeroed(64, copying)).isEqualTo(copying);
    }

    @ParameterizedTest(name = "copying reads: {0}")
    @ValueSource(booleans = { true, false })
    void aSingleProducersLargeRingIsNeverZeroed(boolean copying) throws Exception {
        // An area of at least twice the level-2 cache.
        assertThat(handedBackZeroed((int) (CpuCaches.level2Bytes() / RECORD) + 1, copying)).isFalse();
    }

    /**
     * Sends and reads 40 messages of non-zero bytes in a single-producer ring, looks once more at
     * the empty ring (which hands back what was read), and says whether what it handed back reads
     * as zeros.
     */
    private boolean handedBackZeroed(int maxMessages, boolean copying) throws Exception {
        String name = this.cleanup.posixName("sp-zero");
        IpcShmQueue queue = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(maxMessages)
            .maxMessageSize(PAYLOAD).singleProducer(true).singleConsumer(true).create(CreateMode.CREATE_ONLY).open());
        byte[] payload = new byte[PAYLOAD];
        Arrays.fill(payload, (byte) 0x5A);
        byte[] target = new byte[PAYLOAD];
        for (int i = 0; i < 40; i++) {
            queue.send(payload);
            if (copying) {
                assertThat(queue.receive(target, Duration.ofSeconds(5))).isEqualTo(PAYLOAD);
            }
            else {
                assertThat(queue.poll((buffer, offset, length, tag) -> assertThat(length).isEqualTo(PAYLOAD), 1))
                    .isEqualTo(1);
            }
        }
        if (copying) {
            assertThat(queue.receive(target, Duration.ZERO)).isEqualTo(-1);
        }
        else {
            assertThat(queue.poll((buffer, offset, length, tag) -> {
            }, 1)).isZero();
        }
        boolean zeroed = true;
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            long cleared = raw.getLong(RingDescriptor.CLEARED_OFFSET);
            // 40 records of 72 bytes end on a cache line: all of them are handed back.
            assertThat(cleared).isEqualTo(40 * RECORD);
            for (int offset = 0; offset < cleared; offset += Long.BYTES) {
                zeroed &= raw.getLong(RingArea.BASE + offset) == 0;
            }
        }
        queue.unlink();
        return zeroed;
    }
}
