package dev.springipc.core.ring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcIdleStrategy;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.RingMessages;
import dev.springipc.testsupport.BlockedCall;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShmRingQueueTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcShmQueue open(IpcMessageQueue.ShmBuilder builder) {
        return this.cleanup.track(builder.open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesArriveInOrderWithTheirTagsThroughEveryReceiveForm() throws Exception {
        IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("basic")).maxMessages(16)
                .maxMessageSize(128).mode(0640));
        assertThat(queue.permissions().mode()).isEqualTo(0640);
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        queue.send(bytes("one"), 7);
        queue.send(bytes("two"));
        queue.send(bytes("three"), 3);
        assertThat(queue.depth()).isEqualTo(3);
        IpcMessage first = queue.receive(Duration.ofSeconds(1)).orElseThrow();
        assertThat(first.payloadAsString()).isEqualTo("one");
        assertThat(first.priority()).isEqualTo(7);
        byte[] target = new byte[128];
        assertThat(queue.receive(target, Duration.ofSeconds(1))).isEqualTo(3);
        assertThat(new String(target, 0, 3, StandardCharsets.UTF_8)).isEqualTo("two");
        List<String> polled = new ArrayList<>();
        assertThat(queue.poll((buffer, offset, length, tag) -> {
            byte[] copy = new byte[length];
            buffer.get(offset, copy);
            polled.add(tag + ":" + new String(copy, StandardCharsets.UTF_8));
        }, 10)).isEqualTo(1);
        assertThat(polled).containsExactly("3:three");
        assertThat(queue.depth()).isZero();
        assertThat(queue.receive(target, Duration.ofMillis(50))).isEqualTo(-1);
        queue.unlink();
    }

    @Test
    void aFullRingRefusesUntilTheConsumerMakesRoomAndWrapsCorrectly() throws Exception {
        IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("wrap")).maxMessages(4)
                .maxMessageSize(100));
        int sent = 0;
        while (queue.trySend(new byte[100], 0, Duration.ZERO)) {
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(4);
        assertThat(queue.trySend(new byte[100], 0, Duration.ofMillis(50))).isFalse();
        for (int i = 0; i < sent; i++) {
            assertThat(queue.receive(Duration.ZERO)).isPresent();
        }
        // Thousands of varied sizes: every wrap, padding and zeroing path is crossed many times.
        byte[] target = new byte[100];
        for (int i = 0; i < 20_000; i++) {
            int size = 2 + (i * 37) % 99;
            byte[] payload = new byte[size];
            payload[0] = (byte) i;
            payload[size - 1] = (byte) (i >> 3);
            assertThat(queue.trySend(payload, i % 5, Duration.ZERO)).as("send %d", i).isTrue();
            if (i % 3 == 2) {
                for (int k = 0; k < 3; k++) {
                    int length = queue.receive(target, Duration.ZERO);
                    int n = i - 2 + k;
                    assertThat(length).as("message %d", n).isEqualTo(2 + (n * 37) % 99);
                    assertThat(target[0]).isEqualTo((byte) n);
                    assertThat(target[length - 1]).isEqualTo((byte) (n >> 3));
                }
            }
        }
        queue.unlink();
    }

    @Test
    void pollingOneAtATimeNeverFallsBehindAcrossWraps() throws Exception {
        IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("pollwrap")).maxMessages(4)
                .maxMessageSize(100));
        int[] seen = new int[1];
        for (int i = 0; i < 10_000; i++) {
            byte[] payload = new byte[1 + (i * 13) % 100];
            payload[0] = (byte) i;
            assertThat(queue.trySend(payload, 0, Duration.ZERO)).as("send %d", i).isTrue();
            int expected = i;
            // A wrap leaves a padding record at the end of the area: one poll must still deliver.
            assertThat(queue.poll((buffer, offset, length, tag) -> {
                assertThat(buffer.get(offset)).isEqualTo((byte) expected);
                seen[0]++;
            }, 1)).as("poll after send %d", i).isEqualTo(1);
        }
        assertThat(seen[0]).isEqualTo(10_000);
        queue.unlink();
    }

    @Test
    void aConsumerRacingItsProducerThroughManyWrapsSeesEveryMessageOnceInEveryFormAndMode() throws Exception {
        for (int run = 0; run < 8; run++) {
            int form = run % 4;
            boolean single = run % 2 == 1;
            // Each form once with many consumers, once with a single one.
            boolean singleConsumer = run >= 4;
            IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("race" + run)).maxMessages(8)
                    .maxMessageSize(200).singleProducer(single).singleConsumer(singleConsumer));
            int count = 300_000;
            Thread producer = new Thread(() -> {
                byte[] payload = new byte[200];
                java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(payload);
                try {
                    for (int i = 0; i < count; i++) {
                        // Sizes vary so that wraps leave padding records of every length.
                        view.putInt(0, i);
                        queue.send(java.util.Arrays.copyOf(payload, 4 + (i * 37) % 197));
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            int[] next = new int[1];
            IpcMessageHandler check = (buffer, offset, length, tag) -> {
                int seq = ((buffer.get(offset) & 0xff) << 24) | ((buffer.get(offset + 1) & 0xff) << 16)
                        | ((buffer.get(offset + 2) & 0xff) << 8) | (buffer.get(offset + 3) & 0xff);
                assertThat(seq).isEqualTo(next[0]);
                assertThat(length).isEqualTo(4 + (next[0] * 37) % 197);
                next[0]++;
            };
            byte[] target = new byte[200];
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (next[0] < count) {
                if (System.nanoTime() - deadline > 0) {
                    producer.interrupt();
                    throw new AssertionError("form " + form + (single ? ", single producer," : "")
                            + (singleConsumer ? ", single consumer," : "") + " stalled at message "
                            + next[0] + " of " + count);
                }
                switch (form) {
                    case 0 -> queue.poll(check, 256);
                    case 3 -> assertThat(queue.receive(check, 64, Duration.ofSeconds(5))).as("message %d", next[0])
                        .isPositive();
                    case 1 -> {
                        int length = queue.receive(target, Duration.ofSeconds(5));
                        assertThat(length).as("message %d", next[0]).isPositive();
                        check.onMessage(java.nio.ByteBuffer.wrap(target), 0, length, 0);
                    }
                    default -> {
                        byte[] payload = queue.receive(Duration.ofSeconds(5)).orElseThrow().payload();
                        check.onMessage(java.nio.ByteBuffer.wrap(payload), 0, payload.length, 0);
                    }
                }
            }
            producer.join(10_000);
            assertThat(producer.isAlive()).isFalse();
            assertThat(queue.depth()).isZero();
            assertThat(queue.reclaimed()).isZero();
            queue.unlink();
        }
    }

    @Test
    void eachIdleStrategyWaitsItsWayEndsAtItsDeadlineAndWakesForAMessage() throws Exception {
        for (IpcIdleStrategy idle : List.of(IpcIdleStrategy.BACKOFF, IpcIdleStrategy.SLEEPING,
                IpcIdleStrategy.BUSY_SPIN, IpcIdleStrategy.YIELDING)) {
            IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("idle")).maxMessages(4)
                    .maxMessageSize(16).idleStrategy(idle));
            assertThat(queue.idleStrategy()).isEqualTo(idle);
            // A spinner is judged by its time on a CPU plus its time runnable but waiting for one:
            // it never leaves the run queue, however loaded the machine (its CPU time alone would
            // not say). A sleeper is judged by its CPU time: on a loaded machine each of the yields
            // before BACKOFF's sleeps waits its turn on the run queue, which burns no CPU.
            long[] before = schedstat();
            long start = System.nanoTime();
            assertThat(queue.receive(Duration.ofMillis(400))).as("%s on an empty queue", idle).isEmpty();
            long wall = System.nanoTime() - start;
            long[] after = schedstat();
            long onCpu = after[0] - before[0];
            long runnable = onCpu + after[1] - before[1];
            assertThat(wall).as("%s waited its whole timeout", idle).isGreaterThanOrEqualTo(400_000_000L);
            if (idle.sleeps()) {
                assertThat(onCpu).as("%s sleeps rather than burning CPU", idle).isLessThan(wall / 4);
            }
            if (idle.equals(IpcIdleStrategy.BUSY_SPIN)) {
                assertThat(runnable).as("%s keeps its CPU busy", idle).isGreaterThan(wall / 2);
            }
            java.util.concurrent.CompletableFuture<Void> sender = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    queue.send(bytes("wake"));
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(queue.receive(Duration.ofSeconds(10)).map(IpcMessage::payloadAsString)).as("%s woken", idle)
                .contains("wake");
            sender.get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (!idle.sleeps()) {
                // Never sleeping, it must still notice an interrupt while it spins or yields.
                BlockedCall spinning = BlockedCall.start(() -> queue.receive(new byte[16], Duration.ofSeconds(10)));
                Thread.sleep(100);
                spinning.thread().interrupt();
                assertThat(spinning.outcome(Duration.ofSeconds(5))).as("%s interrupted", idle)
                    .isInstanceOf(InterruptedException.class);
            }
            queue.unlink();
        }
    }

    @Test
    void anInPlaceReceiveWaitsForTheFirstMessageThenHandsUpToItsLimitInOrder() throws Exception {
        IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("inplace")).maxMessages(16)
                .maxMessageSize(32));
        List<String> handled = new ArrayList<>();
        IpcMessageHandler collect = (buffer, offset, length, tag) -> {
            byte[] copy = new byte[length];
            buffer.get(offset, copy);
            handled.add(tag + ":" + new String(copy, StandardCharsets.UTF_8));
        };
        long start = System.nanoTime();
        assertThat(queue.receive(collect, 4, Duration.ofMillis(300))).isZero();
        assertThat(System.nanoTime() - start).as("waited its whole timeout").isGreaterThanOrEqualTo(300_000_000L);
        for (int i = 0; i < 6; i++) {
            queue.send(bytes("m" + i), i);
        }
        assertThat(queue.receive(collect, 4, Duration.ofSeconds(1))).isEqualTo(4);
        assertThat(queue.receive(collect, 4, Duration.ofSeconds(1))).isEqualTo(2);
        assertThat(handled).containsExactly("0:m0", "1:m1", "2:m2", "3:m3", "4:m4", "5:m5");
        java.util.concurrent.CompletableFuture<Void> sender = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
                queue.send(bytes("late"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(queue.receive(collect, 4, Duration.ofSeconds(10))).as("woken by a message sent while it waits")
            .isEqualTo(1);
        sender.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(handled).endsWith("0:late");
        queue.unlink();
    }

    @Test
    void oversizedMessagesAreRefusedAndASmallTargetLeavesTheMessageQueued() throws Exception {
        IpcShmQueue queue = open(IpcMessageQueue.shm(this.cleanup.posixName("size")).maxMessageSize(64));
        assertThatThrownBy(() -> queue.send(new byte[65])).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("max-message-size of 64");
        queue.send(new byte[40]);
        assertThatThrownBy(() -> queue.receive(new byte[10], Duration.ZERO))
                .isInstanceOf(IpcMessageTooLargeException.class).hasMessageContaining("stays queued");
        assertThat(queue.receive(new byte[64], Duration.ZERO)).isEqualTo(40);
        queue.unlink();
    }

    @Test
    void fourProducerProcessesDeliverEveryMessageOnceInOrderAndIntact() throws Exception {
        String name = this.cleanup.posixName("mpsc");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(4096).maxMessageSize(64));
        int producers = 4;
        int perProducer = 250_000;
        int[] nextSeq = new int[producers];
        long[] corrupt = new long[1];
        List<PeerProcess> children = new ArrayList<>();
        try {
            for (int p = 0; p < producers; p++) {
                children.add(ChildJvm.start(JavaPeer.class, "ring-produce", name, Integer.toString(p),
                        Integer.toString(perProducer), Integer.toString(16 + p * 8)));
            }
            long received = 0;
            long deadline = System.nanoTime() + PEER_TIMEOUT.toNanos();
            while (received < (long) producers * perProducer && System.nanoTime() < deadline) {
                received += queue.poll((buffer, offset, length, tag) -> {
                    int producer = buffer.getInt(offset);
                    int seq = buffer.getInt(offset + 4);
                    if (producer != tag || seq != nextSeq[producer] || length != 16 + producer * 8
                            || !RingMessages.intact(buffer, offset, length)) {
                        corrupt[0]++;
                    }
                    nextSeq[producer] = seq + 1;
                }, 256);
                if (received == 0) {
                    Thread.onSpinWait();
                }
            }
            for (PeerProcess child : children) {
                child.awaitLine("DONE", PEER_TIMEOUT);
                child.awaitSuccess(PEER_TIMEOUT);
            }
            assertThat(received).isEqualTo((long) producers * perProducer);
        }
        finally {
            children.forEach(PeerProcess::close);
        }
        assertThat(corrupt[0]).as("messages out of order, duplicated or damaged").isZero();
        assertThat(nextSeq).containsOnly(perProducer);
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        queue.unlink();
    }

    @Test
    void aProducerKilledAfterItsClaimMarkerDoesNotWedgeTheRing() throws Exception {
        producerKilledMidRecordIsSkipped("marker");
    }

    @Test
    void aProducerKilledBeforeWritingAnythingDoesNotWedgeTheRing() throws Exception {
        producerKilledMidRecordIsSkipped("nothing");
    }

    private void producerKilledMidRecordIsSkipped(String stage) throws Exception {
        String name = this.cleanup.posixName("stall");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(64).maxMessageSize(256)
                .stallTimeout(Duration.ofMillis(300)));
        queue.send(bytes("before"));
        try (PeerProcess producer = ChildJvm.start(JavaPeer.class, "ring-claim-and-hang", name, stage)) {
            producer.awaitLine("CLAIMED", PEER_TIMEOUT);
            producer.kill();
        }
        queue.send(bytes("after-1"));
        queue.send(bytes("after-2"));
        assertThat(queue.receive(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString)).contains("before");
        long start = System.nanoTime();
        assertThat(queue.receive(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString)).contains("after-1");
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SURVIVOR-WAIT shm-ring (" + stage + ") " + waitedMillis + " ms (stall timeout 300 ms)");
        assertThat(waitedMillis).isBetween(250L, 3_000L);
        assertThat(queue.receive(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString)).contains("after-2");
        assertThat(queue.reclaimed()).isEqualTo(1);
        queue.unlink();
    }

    @Test
    void aRestartedConsumerResumesWhereTheLastOneStopped() throws Exception {
        String name = this.cleanup.posixName("resume");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(32).maxMessageSize(64));
        for (int i = 0; i < 10; i++) {
            queue.send(bytes("m" + i));
        }
        List<String> seen = new ArrayList<>();
        try (PeerProcess first = ChildJvm.start(JavaPeer.class, "ring-consume", name, "4")) {
            for (int i = 0; i < 4; i++) {
                seen.add(first.nextLine(PEER_TIMEOUT));
            }
            first.awaitLine("DONE", PEER_TIMEOUT);
            first.awaitSuccess(PEER_TIMEOUT);
        }
        try (PeerProcess second = ChildJvm.start(JavaPeer.class, "ring-consume", name, "6")) {
            for (int i = 0; i < 6; i++) {
                seen.add(second.nextLine(PEER_TIMEOUT));
            }
            second.awaitLine("DONE", PEER_TIMEOUT);
            second.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(seen).containsExactly("GOT m0", "GOT m1", "GOT m2", "GOT m3", "GOT m4", "GOT m5", "GOT m6",
                "GOT m7", "GOT m8", "GOT m9");
        queue.unlink();
    }

    @Test
    void aBlockedConsumerIsWokenByAProducerInAnotherProcess() throws Exception {
        String name = this.cleanup.posixName("wake");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(8).maxMessageSize(64));
        try (PeerProcess producer = ChildJvm.start(JavaPeer.class, "ring-produce", name, "0", "3", "16")) {
            for (int i = 0; i < 3; i++) {
                // Each receive may sleep on the futex: the producer's commit wakes it.
                IpcMessage message = queue.receive(PEER_TIMEOUT).orElseThrow();
                assertThat(message.payload()).hasSize(16);
            }
            producer.awaitLine("DONE", PEER_TIMEOUT);
        }
        queue.unlink();
    }

    @Test
    void closeEndsAReceiveWaitingInAnotherThread() throws Exception {
        IpcShmQueue queue = IpcMessageQueue.shm(this.cleanup.posixName("close")).maxMessages(4).maxMessageSize(64)
            .open();
        queue.unlink();
        BlockedCall waiter = BlockedCall.start(() -> queue.receive(Duration.ofSeconds(30)));
        Thread.sleep(300);
        queue.close();
        // The waiter notices within one sleep slice; the mapping outlives it, so nothing crashes.
        assertThat(waiter.outcome(Duration.ofSeconds(5)))
            .isInstanceOf(dev.springipc.core.IpcClosedException.class);
        assertThatThrownBy(() -> queue.send(new byte[1])).isInstanceOf(dev.springipc.core.IpcClosedException.class);
    }

    @Test
    void aRecordWithAnImpossibleLengthIsAClearErrorInEveryReceiveForm() throws Exception {
        String name = this.cleanup.posixName("badrecord");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(8).maxMessageSize(64));
        queue.send(bytes("fine"));
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            // The first record's length word, at the start of the record area.
            raw.write(1024, new byte[] { 0x5A, 0x5A, 0x5A, 0x5A });
        }
        assertThatThrownBy(() -> queue.receive(Duration.ZERO)).isInstanceOf(IpcException.class)
                .hasMessageContaining("claims a length of 1515870810 bytes").hasMessageContaining("Remove the queue");
        assertThatThrownBy(() -> queue.receive(new byte[64], Duration.ZERO)).isInstanceOf(IpcException.class)
                .hasMessageContaining("claims a length of");
        assertThatThrownBy(() -> queue.poll((buffer, offset, length, tag) -> {
        }, 10)).isInstanceOf(IpcException.class).hasMessageContaining("claims a length of");
        queue.unlink();
    }

    /** The sole consumer reads the length it saw on its first look without loading it again: it is checked too. */
    @Test
    void aRecordWithAnImpossibleLengthIsAClearErrorForTheSoleConsumerOfAOneToOneRing() throws Exception {
        String name = this.cleanup.posixName("badrecord-o2o");
        IpcShmQueue queue = open(IpcMessageQueue.shm(name).maxMessages(8).maxMessageSize(64).singleProducer(true)
                .singleConsumer(true));
        queue.send(bytes("fine"));
        try (IpcSharedSegment raw = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
            raw.write(1024, new byte[] { 0x5A, 0x5A, 0x5A, 0x5A });
        }
        assertThatThrownBy(() -> queue.receive(Duration.ZERO)).isInstanceOf(IpcException.class)
                .hasMessageContaining("claims a length of 1515870810 bytes");
        assertThatThrownBy(() -> queue.receive(new byte[64], Duration.ZERO)).isInstanceOf(IpcException.class)
                .hasMessageContaining("claims a length of 1515870810 bytes");
        queue.unlink();
    }

    @Test
    void garbageInTheHeaderIsAClearErrorNotACrash() {
        String name = this.cleanup.posixName("garbage");
        IpcSharedSegment segment = this.cleanup.track(IpcSharedSegment.builder(name).size(8192).open());
        segment.putLong(0, 0x0123456789abcdefL);
        assertThatThrownBy(() -> IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcException.class).hasMessageContaining("something other than an shm ring queue");
        // Right magic, the layout of an older library (many producers only, no producer slot).
        segment.putLong(0, 0x53495043524E4731L);
        segment.putLong(8, 2);
        assertThatThrownBy(() -> IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcException.class).hasMessageContaining("layout version 2 differs from this library's " + RingDescriptor.VERSION);
        // Right magic and version, impossible capacity.
        segment.putLong(8, RingDescriptor.VERSION);
        segment.putLong(16, 12345L | (64L << 32));
        assertThatThrownBy(() -> IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcException.class).hasMessageContaining("header is corrupt");
        // A possible capacity, an unknown producer mode.
        segment.putLong(16, 4096L | (64L << 32));
        segment.putLong(24, 1L | (7L << 32));
        assertThatThrownBy(() -> IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcException.class).hasMessageContaining("header is corrupt")
                .hasMessageContaining("producers 7");
        // A known producer mode, an unknown consumer mode.
        segment.putLong(24, 1L);
        segment.putLong(32, 7L);
        assertThatThrownBy(() -> IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcException.class).hasMessageContaining("consumers 7");
        segment.unlink();
    }

    /** This thread's time on a CPU plus its time waiting on a run queue ({@code schedstat}), in ns. */
    /** This thread's time on a CPU and time runnable waiting for one, in ns (schedstat's first two fields). */
    private static long[] schedstat() throws java.io.IOException {
        String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat")).strip()
            .split(" ");
        return new long[] { Long.parseLong(fields[0]), Long.parseLong(fields[1]) };
    }
}
