package dev.springipc.core.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcIdleStrategy;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.RingMessages;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The single-producer mode of the shm ring: who may send, takeover after a crash, wake-ups. */
class SingleProducerRingTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcShmQueue create(String name, int maxMessages, int maxMessageSize) {
        return this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(maxMessages).maxMessageSize(maxMessageSize)
                .singleProducer(true).open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(IpcShmQueue queue) throws InterruptedException {
        return queue.receive(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString).orElse("<none>");
    }

    @Test
    void aProducerProcessDeliversEveryMessageOnceInOrderAndIntactThroughManyWraps() throws Exception {
        String name = this.cleanup.posixName("sp");
        IpcShmQueue queue = create(name, 64, 64);
        assertThat(queue.singleProducer()).isTrue();
        int count = 500_000;
        int[] next = new int[1];
        long[] corrupt = new long[1];
        try (PeerProcess producer = ChildJvm.start(JavaPeer.class, "ring-produce", name, "3", Integer.toString(count),
                "40")) {
            long deadline = System.nanoTime() + PEER_TIMEOUT.toNanos();
            while (next[0] < count && System.nanoTime() < deadline) {
                queue.poll((buffer, offset, length, tag) -> {
                    if (tag != 3 || buffer.getInt(offset) != 3 || buffer.getInt(offset + 4) != next[0] || length != 40
                            || !RingMessages.intact(buffer, offset, length)) {
                        corrupt[0]++;
                    }
                    next[0]++;
                }, 256);
            }
            producer.awaitLine("DONE", PEER_TIMEOUT);
            producer.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(next[0]).isEqualTo(count);
        assertThat(corrupt[0]).as("messages out of order, duplicated or damaged").isZero();
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        queue.unlink();
    }

    /**
     * Consumers of a single-producer ring need zero nothing (and after in-place reads, as here
     * every other message, zero nothing): an earlier lap's bytes stay in the area, and only the
     * producer's zeroing of each next header keeps them from being read. Every
     * payload here is made of words that read as committed 16-byte records, and the sizes vary,
     * so that stale words land where later headers go; one stale word read as a header would
     * deliver a message that was never sent.
     */
    @Test
    void bytesOfEarlierLapsAreNeverReadAsRecords() throws Exception {
        IpcShmQueue queue = create(this.cleanup.posixName("splaps"), 8, 200);
        byte[] target = new byte[200];
        int sent = 0;
        int received = 0;
        for (int round = 0; round < 5_000; round++) {
            int batch = 1 + round % 7;
            for (int k = 0; k < batch; k++, sent++) {
                byte[] payload = lookalikeRecords(8 + (sent * 53) % 193);
                payload[0] = (byte) sent;
                assertThat(queue.trySend(payload, 7, Duration.ZERO)).as("send %d", sent).isTrue();
            }
            while (received < sent) {
                int expected = received;
                if (received % 2 == 0) {
                    assertThat(queue.poll((buffer, offset, length, tag) -> {
                        assertThat(tag).as("tag of message %d", expected).isEqualTo(7);
                        assertThat(length).as("length of message %d", expected).isEqualTo(8 + (expected * 53) % 193);
                        assertThat(buffer.get(offset)).isEqualTo((byte) expected);
                    }, 1)).as("poll for message %d", expected).isEqualTo(1);
                }
                else {
                    assertThat(queue.receive(target, Duration.ZERO)).as("length of message %d", expected)
                        .isEqualTo(8 + (expected * 53) % 193);
                    assertThat(target[0]).isEqualTo((byte) expected);
                }
                received++;
            }
            assertThat(queue.poll((buffer, offset, length, tag) -> {
            }, 16)).as("messages after round %d, none sent", round).isZero();
            assertThat(queue.depth()).isZero();
        }
        queue.unlink();
    }

    /**
     * A ring of one maximum-size message whose record is half a power of two: an empty ring must
     * take a maximum-size message wherever the tail stands, although the header after it (which
     * the producer zeroes) needs 8 bytes more and the consumer hands back only whole lines. The
     * area is sized for it (twice the record would refuse such a message for good).
     */
    @Test
    void anEmptyRingOfOneMessageAlwaysTakesAMaximumSizeMessage() throws Exception {
        // 8 + 504 = 512 bytes a record.
        IpcShmQueue queue = create(this.cleanup.posixName("spone"), 1, 504);
        byte[] target = new byte[504];
        for (int i = 0; i < 5_000; i++) {
            // Two maximum-size records fill the area exactly; smaller ones move the tail elsewhere.
            int size = (i % 3 == 2) ? 1 + (i * 29) % 504 : 504;
            byte[] payload = new byte[size];
            payload[size - 1] = (byte) i;
            assertThat(queue.trySend(payload, 0, Duration.ZERO)).as("send %d (%d bytes) into the empty ring", i, size)
                .isTrue();
            assertThat(queue.receive(target, Duration.ZERO)).isEqualTo(size);
            assertThat(target[size - 1]).isEqualTo((byte) i);
        }
        queue.unlink();
    }

    /** {@code size} bytes of 8-byte words {@code length 16, type 7}: a committed record each. */
    private static byte[] lookalikeRecords(int size) {
        ByteBuffer words = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        while (words.remaining() >= 8) {
            words.putInt(16).putInt(7);
        }
        return words.array();
    }

    @Test
    void anOpenerAdoptsTheModeTheRingWasCreatedWith() throws Exception {
        String name = this.cleanup.posixName("spmode");
        IpcShmQueue single = create(name, 8, 64);
        try (IpcShmQueue opened = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
            assertThat(opened.singleProducer()).isTrue();
        }
        String many = this.cleanup.posixName("mpmode");
        IpcShmQueue multi = this.cleanup.track(IpcMessageQueue.shm(many).maxMessages(8).maxMessageSize(64).open());
        try (IpcShmQueue opened = IpcMessageQueue.shm(many).singleProducer(true).create(CreateMode.OPEN_ONLY)
                .open()) {
            assertThat(opened.singleProducer()).isFalse();
        }
        single.unlink();
        multi.unlink();
    }

    @Test
    void onlyOneHandleAndOneLiveThreadMaySend() throws Exception {
        String name = this.cleanup.posixName("spown");
        IpcShmQueue queue = create(name, 16, 64);
        IpcShmQueue second = this.cleanup.track(IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open());
        queue.send(bytes("first"));
        assertThatThrownBy(() -> second.send(bytes("refused"))).isInstanceOf(IpcException.class)
                .hasMessageContaining("takes a single producer and another handle in this process is it");
        CompletableFuture<Void> otherThread = CompletableFuture.runAsync(() -> {
            try {
                queue.send(bytes("refused too"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(() -> otherThread.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("send from that thread only");
        queue.close();
        // Closing the producing handle frees the slot for another.
        second.send(bytes("second"));
        assertThat(text(second)).isEqualTo("first");
        assertThat(text(second)).isEqualTo("second");
        assertThat(second.receive(Duration.ZERO)).isEmpty();
        second.unlink();
    }

    @Test
    void aNewThreadOfTheSameHandleTakesOverOnceTheProducingThreadHasEnded() throws Exception {
        IpcShmQueue queue = create(this.cleanup.posixName("spthread"), 16, 64);
        Thread first = new Thread(() -> {
            try {
                queue.send(bytes("from the first thread"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        first.join(10_000);
        queue.send(bytes("from the test thread"));
        assertThat(text(queue)).isEqualTo("from the first thread");
        assertThat(text(queue)).isEqualTo("from the test thread");
        queue.unlink();
    }

    @Test
    void aLiveProducerProcessKeepsOthersOutAndAKilledOneIsTakenOverWithoutLossOrJunk() throws Exception {
        String name = this.cleanup.posixName("sptake");
        IpcShmQueue queue = create(name, 32, 128);
        try (PeerProcess producer = ChildJvm.start(JavaPeer.class, "ring-produce-and-hang", name, "3")) {
            producer.awaitLine("SENT", PEER_TIMEOUT);
            assertThatThrownBy(() -> queue.send(bytes("refused"))).isInstanceOf(IpcException.class)
                    .hasMessageContaining("takes a single producer and process " + producer.pid() + " is it");
            producer.kill();
        }
        // As if it had died right after committing "orphan" (before moving the tail) and while
        // writing the next record: junk where the record after ours will start.
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            RingMessages.leaveUnfinishedWork(raw, bytes("orphan"), 100);
        }
        queue.send(bytes("a"));
        queue.send(bytes("b"));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(text(queue));
        }
        assertThat(seen).containsExactly("m0", "m1", "m2", "orphan", "a", "b");
        assertThat(queue.receive(Duration.ofMillis(100))).isEmpty();
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }

    @Test
    void aSleepingConsumerIsWokenForEachMessageOfAProducerInAnotherProcess() throws Exception {
        String name = this.cleanup.posixName("spwake");
        IpcShmQueue queue = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(8).maxMessageSize(64)
                .singleProducer(true).idleStrategy(IpcIdleStrategy.SLEEPING).open());
        int count = 3;
        try (PeerProcess producer = ChildJvm.start(JavaPeer.class, "ring-produce", name, "0", Integer.toString(count),
                "16")) {
            for (int i = 0; i < count; i++) {
                assertThat(queue.receive(PEER_TIMEOUT)).isPresent();
            }
            producer.awaitLine("DONE", PEER_TIMEOUT);
        }
        // Many sleeps in a row: each message must wake the consumer, not the end of its 100 ms
        // sleep slice. A protocol that loses wake-ups takes 200 x ~100 ms; one that works, well
        // under a second. The bound leaves room for a slow machine.
        int messages = 200;
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    Thread.sleep(2);
                    queue.send(bytes("w" + i));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            assertThat(text(queue)).isEqualTo("w" + i);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        sender.get(10, TimeUnit.SECONDS);
        assertThat(elapsedMillis).as("200 wake-ups").isLessThan(8_000L);
        queue.unlink();
    }
}
