package dev.springipc.core.ring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
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

/** The single-consumer mode of the shm ring: who may receive, takeover after a crash, re-entry. */
class SingleConsumerRingTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcShmQueue create(String name, int maxMessages, int maxMessageSize) {
        return this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(maxMessages).maxMessageSize(maxMessageSize)
                .singleConsumer(true).open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(IpcShmQueue queue) throws InterruptedException {
        return queue.receive(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString).orElse("<none>");
    }

    @Test
    void twoProducerProcessesDeliverEveryMessageOnceInOrderAndIntactToTheOneConsumer() throws Exception {
        String name = this.cleanup.posixName("sc");
        IpcShmQueue queue = create(name, 64, 64);
        assertThat(queue.singleConsumer()).isTrue();
        assertThat(queue.singleProducer()).isFalse();
        int count = 200_000;
        int[] next = new int[2];
        long[] corrupt = new long[1];
        try (PeerProcess first = ChildJvm.start(JavaPeer.class, "ring-produce", name, "0", Integer.toString(count),
                "40");
                PeerProcess second = ChildJvm.start(JavaPeer.class, "ring-produce", name, "1",
                        Integer.toString(count), "40")) {
            long deadline = System.nanoTime() + PEER_TIMEOUT.toNanos();
            while (next[0] + next[1] < 2 * count && System.nanoTime() < deadline) {
                queue.poll((buffer, offset, length, tag) -> {
                    if (tag < 0 || tag > 1 || buffer.getInt(offset) != tag || buffer.getInt(offset + 4) != next[tag]
                            || length != 40 || !RingMessages.intact(buffer, offset, length)) {
                        corrupt[0]++;
                        return;
                    }
                    next[tag]++;
                }, 256);
            }
            first.awaitSuccess(PEER_TIMEOUT);
            second.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(next).containsExactly(count, count);
        assertThat(corrupt[0]).as("messages out of order, duplicated or damaged").isZero();
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        queue.unlink();
    }

    @Test
    void anOpenerAdoptsTheModeTheRingWasCreatedWith() {
        String name = this.cleanup.posixName("scmode");
        IpcShmQueue single = create(name, 8, 64);
        try (IpcShmQueue opened = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
            assertThat(opened.singleConsumer()).isTrue();
        }
        String many = this.cleanup.posixName("mcmode");
        IpcShmQueue multi = this.cleanup.track(IpcMessageQueue.shm(many).maxMessages(8).maxMessageSize(64).open());
        try (IpcShmQueue opened = IpcMessageQueue.shm(many).singleConsumer(true).create(CreateMode.OPEN_ONLY)
                .open()) {
            assertThat(opened.singleConsumer()).isFalse();
        }
        single.unlink();
        multi.unlink();
    }

    @Test
    void onlyOneHandleAndOneLiveThreadMayReceive() throws Exception {
        String name = this.cleanup.posixName("scown");
        IpcShmQueue queue = create(name, 16, 64);
        IpcShmQueue second = this.cleanup.track(IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open());
        queue.send(bytes("first"));
        queue.send(bytes("second"));
        assertThat(text(queue)).isEqualTo("first");
        assertThatThrownBy(() -> second.receive(Duration.ZERO)).isInstanceOf(IpcException.class)
                .hasMessageContaining("takes a single consumer and another handle in this process is it");
        // Refused even when there is nothing to read, so a wrong setup shows at once.
        CompletableFuture<Integer> otherThread = CompletableFuture.supplyAsync(() -> queue.poll((buffer, offset,
                length, tag) -> {
        }, 1));
        assertThatThrownBy(() -> otherThread.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("receive from that thread only");
        queue.close();
        // Closing the receiving handle frees the slot for another.
        assertThat(text(second)).isEqualTo("second");
        assertThat(second.receive(Duration.ZERO)).isEmpty();
        second.unlink();
    }

    @Test
    void aNewThreadOfTheSameHandleTakesOverOnceTheReceivingThreadHasEnded() throws Exception {
        IpcShmQueue queue = create(this.cleanup.posixName("scthread"), 16, 64);
        queue.send(bytes("for the first thread"));
        queue.send(bytes("for the test thread"));
        String[] got = new String[1];
        Thread first = new Thread(() -> {
            try {
                got[0] = text(queue);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        first.join(10_000);
        assertThat(got[0]).isEqualTo("for the first thread");
        assertThat(text(queue)).isEqualTo("for the test thread");
        queue.unlink();
    }

    @Test
    void aHandlerPollingTheHandleItIsCalledFromGetsNothingInsteadOfTheSameRecordAgain() throws Exception {
        IpcShmQueue queue = create(this.cleanup.posixName("screenter"), 16, 64);
        queue.send(bytes("a"));
        queue.send(bytes("b"));
        List<String> seen = new ArrayList<>();
        int[] nested = new int[1];
        int handled = queue.poll((buffer, offset, length, tag) -> {
            byte[] text = new byte[length];
            buffer.get(offset, text);
            seen.add(new String(text, StandardCharsets.UTF_8));
            nested[0] += queue.poll((b, o, l, t) -> seen.add("nested"), 10);
        }, 1);
        assertThat(handled).isEqualTo(1);
        assertThat(nested[0]).isZero();
        assertThat(text(queue)).isEqualTo("b");
        assertThat(seen).containsExactly("a");
        queue.unlink();
    }

    @Test
    void aLiveConsumerProcessKeepsOthersOutAndAKilledOneIsTakenOverWithWhatItWasHandlingDeliveredAgain()
            throws Exception {
        String name = this.cleanup.posixName("sctake");
        IpcShmQueue queue = create(name, 16, 64);
        for (String text : List.of("m0", "m1", "stall", "after")) {
            queue.send(bytes(text));
        }
        try (PeerProcess consumer = ChildJvm.start(JavaPeer.class, "ring-handle-and-hang", name)) {
            consumer.awaitLine("GOT m0", PEER_TIMEOUT);
            consumer.awaitLine("GOT m1", PEER_TIMEOUT);
            consumer.awaitLine("HANDLING stall", PEER_TIMEOUT);
            assertThatThrownBy(() -> queue.receive(Duration.ZERO)).isInstanceOf(IpcException.class)
                    .hasMessageContaining("takes a single consumer and process " + consumer.pid() + " is it");
            consumer.kill();
        }
        assertThat(text(queue)).isEqualTo("stall");
        assertThat(text(queue)).isEqualTo("after");
        assertThat(queue.receive(Duration.ofMillis(100))).isEmpty();
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }
}
