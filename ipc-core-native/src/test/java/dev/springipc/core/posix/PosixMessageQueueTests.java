package dev.springipc.core.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IdleReceiver;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.KernelThreads;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosixMessageQueueTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcMessageQueue open(IpcMessageQueue.PosixBuilder builder) {
        return this.cleanup.track(builder.open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void receivesHighestPriorityFirstAndOldestFirstWithinAPriority() throws Exception {
        IpcMessageQueue queue = open(IpcMessageQueue.posix(this.cleanup.posixName("prio")).maxMessages(8)
                .maxMessageSize(64));
        queue.send(bytes("low-1"), 1);
        queue.send(bytes("high"), 30);
        queue.send(bytes("low-2"), 1);
        queue.send(bytes("zero"));
        assertThat(queue.depth()).isEqualTo(4);
        assertThat(queue.capacity()).isEqualTo(8);
        assertThat(queue.maxMessageSize()).isEqualTo(64);
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            IpcMessage message = queue.receive();
            order.add(message.priority() + ":" + message.payloadAsString());
        }
        assertThat(order).containsExactly("30:high", "1:low-1", "1:low-2", "0:zero");
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }

    @Test
    void timedAndNonBlockingCallsReturnWhenEmptyOrFull() throws Exception {
        IpcMessageQueue queue = open(IpcMessageQueue.posix(this.cleanup.posixName("timed")).maxMessages(2)
                .maxMessageSize(16));
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        long start = System.nanoTime();
        assertThat(queue.receive(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(queue.trySend(bytes("a"), 0, Duration.ZERO)).isTrue();
        assertThat(queue.trySend(bytes("b"), 0, Duration.ZERO)).isTrue();
        assertThat(queue.trySend(bytes("c"), 0, Duration.ZERO)).isFalse();
        assertThat(queue.trySend(bytes("c"), 0, Duration.ofMillis(200))).isFalse();
        assertThat(queue.receive(Duration.ZERO).map(IpcMessage::payloadAsString)).contains("a");
        queue.unlink();
    }

    @Test
    void anIdleReceiverWaitsInsideMqTimedreceiveOnceItsSpinIsOver() throws Exception {
        IpcMessageQueue queue = open(IpcMessageQueue.posix(this.cleanup.posixName("idle")).maxMessages(2)
                .maxMessageSize(16));
        IdleReceiver receiver = IdleReceiver.start("posix-idle-rcv", () -> queue.receive(Duration.ofSeconds(30)));
        receiver.assertWaitsInside(Set.of(KernelThreads.MQ_TIMEDRECEIVE));
        queue.send(bytes("wake"), 3);
        assertThat(receiver.received(Duration.ofSeconds(5)).map(IpcMessage::payloadAsString)).contains("wake");
        queue.unlink();
    }

    @Test
    void oversizedPayloadIsRefusedWithTheQueueLimitInTheMessage() {
        IpcMessageQueue queue = open(IpcMessageQueue.posix(this.cleanup.posixName("big")).maxMessageSize(32));
        assertThatThrownBy(() -> queue.send(new byte[33])).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("33 bytes").hasMessageContaining("max-message-size of 32");
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }

    @Test
    void moreMessagesThanTheSysctlAllowsNamesTheSysctlAndLeavesNothing() throws Exception {
        long msgMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/fs/mqueue/msg_max")).get(0).strip());
        String name = this.cleanup.posixName("limit");
        int tooMany = (int) msgMax * 10;
        assertThatThrownBy(() -> IpcMessageQueue.posix(name).maxMessages(tooMany).open())
                .isInstanceOf(IpcLimitExceededException.class)
                .hasMessageContaining("mq_open").hasMessageContaining("EINVAL")
                .hasMessageContaining("max-messages " + tooMany + " exceeds /proc/sys/fs/mqueue/msg_max=" + msgMax)
                .hasMessageContaining("fs.mqueue.msg_max");
        // Nothing was created: the cleanup check after this test fails on any queue left behind.
    }

    @Test
    void modeIsExactAndOwnershipIsKnown() {
        String name = this.cleanup.posixName("mode");
        IpcMessageQueue created = open(IpcMessageQueue.posix(name).mode(0660));
        // The opener's mode must cover the existing one, or open-or-create refuses it (see SquattingTests).
        IpcMessageQueue opened = open(IpcMessageQueue.posix(name).mode(0660).maxMessages(3));
        assertThat(created.isOwned()).isTrue();
        assertThat(opened.isOwned()).isFalse();
        // The opener learns the creator's attributes.
        assertThat(opened.capacity()).isEqualTo(created.capacity());
        assertThat(created.permissions().mode()).isEqualTo(0660);
        assertThat(opened.permissions().uid()).isEqualTo(Sys.effectiveUid());
        created.unlink();
    }

    @Test
    void aChildJvmEchoesMessagesWithTheirPriorities() throws Exception {
        String requests = this.cleanup.posixName("req");
        String replies = this.cleanup.posixName("rep");
        IpcMessageQueue out = open(IpcMessageQueue.posix(requests));
        IpcMessageQueue in = open(IpcMessageQueue.posix(replies));
        try (PeerProcess child = ChildJvm.start(JavaPeer.class, "mq-echo", requests, replies, "3")) {
            child.awaitLine("READY", PEER_TIMEOUT);
            out.send(bytes("one"), 3);
            out.send(bytes("two"), 7);
            out.send(bytes("three"), 0);
            for (int i = 0; i < 3; i++) {
                Optional<IpcMessage> reply = in.receive(PEER_TIMEOUT);
                assertThat(reply).isPresent();
                String expected = switch (reply.get().priority()) {
                    case 3 -> "ONE";
                    case 7 -> "TWO";
                    default -> "THREE";
                };
                assertThat(reply.get().payloadAsString()).isEqualTo(expected);
            }
            child.awaitLine("DONE", PEER_TIMEOUT);
            child.awaitSuccess(PEER_TIMEOUT);
        }
        out.unlink();
        in.unlink();
    }

    @Test
    void aCProgramExchangesRawMessagesWithPrioritiesBothWays() throws Exception {
        Path peer = NativePeers.compileC("posix_peer");
        String name = this.cleanup.posixName("cmq");
        IpcMessageQueue queue = open(IpcMessageQueue.posix(name).maxMessages(8).maxMessageSize(128));
        try (PeerProcess sender = PeerProcess.start(peer.toString(), "mq-send", name, "2", "from-c-low", "9",
                "from-c-high")) {
            assertThat(sender.nextLine(PEER_TIMEOUT)).isEqualTo("SENT");
            sender.awaitSuccess(PEER_TIMEOUT);
        }
        IpcMessage first = queue.receive(Duration.ofSeconds(5)).orElseThrow();
        IpcMessage second = queue.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(first.priority()).isEqualTo(9);
        assertThat(first.payload()).isEqualTo(bytes("from-c-high"));
        assertThat(second.priority()).isEqualTo(2);
        assertThat(second.payload()).isEqualTo(bytes("from-c-low"));

        queue.send(bytes("java-low"), 4);
        queue.send(bytes("java-high"), 31);
        try (PeerProcess receiver = PeerProcess.start(peer.toString(), "mq-recv", name, "2")) {
            // Raw bytes: the C side prints exactly the payload, no framing added by Java.
            assertThat(receiver.nextLine(PEER_TIMEOUT)).isEqualTo("31 java-high");
            assertThat(receiver.nextLine(PEER_TIMEOUT)).isEqualTo("4 java-low");
            receiver.awaitSuccess(PEER_TIMEOUT);
        }
        queue.unlink();
    }
}
