package dev.springipc.core.sysv;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.IpcUntrustedObjectException;
import dev.springipc.core.SysvKey;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.BlockedCall;
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

class SysvMessageQueueTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcSysvMessageQueue open(IpcMessageQueue.SysvBuilder builder) {
        return this.cleanup.track(builder.open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long sysctl(String file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new FileReader(file, StandardCharsets.US_ASCII))) {
            return Long.parseLong(reader.readLine().strip());
        }
    }

    @Test
    void receiveSelectsAnyTypeOneTypeOrTheLowestTypeUpToABound() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("types")));
        queue.send(bytes("e5"), 5L);
        queue.send(bytes("b2"), 2L);
        queue.send(bytes("i9"), 9);
        queue.send(bytes("b2-again"), 2L);
        queue.send(bytes("default"));
        assertThat(queue.depth()).isEqualTo(5);
        assertThat(describe(queue.receive(2L))).isEqualTo("2:b2");
        assertThat(describe(queue.receive(-4L))).as("lowest type <= 4").isEqualTo("1:default");
        assertThat(describe(queue.receive(-4L))).isEqualTo("2:b2-again");
        assertThat(queue.receive(-4L, Duration.ZERO)).as("nothing of type <= 4 left").isEmpty();
        assertThat(describe(queue.receive())).as("oldest of any type").isEqualTo("5:e5");
        assertThat(queue.receive(9L, Duration.ZERO).map(SysvMessageQueueTests::describe)).contains("9:i9");
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }

    private static String describe(IpcMessage message) {
        return message.type() + ":" + message.payloadAsString();
    }

    @Test
    void timedAndNonBlockingCallsReturnWhenEmptyOrFull() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("timed")).maxBytes(16));
        assertThat(queue.receive(Duration.ZERO)).isEmpty();
        long start = System.nanoTime();
        assertThat(queue.receive(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(queue.trySend(new byte[10], 3L, Duration.ZERO)).isTrue();
        assertThat(queue.receive(4L, Duration.ofMillis(100))).as("only type 3 waits").isEmpty();
        assertThat(queue.trySend(new byte[10], 3L, Duration.ZERO)).as("16-byte queue holds one").isFalse();
        start = System.nanoTime();
        assertThat(queue.trySend(new byte[10], 3, Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(queue.receive(3L, Duration.ZERO)).isPresent();
        queue.unlink();
    }

    @Test
    void blockedReceiveGetsAMessageSentLaterFromAnotherThread() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("later")));
        CompletableFuture<IpcMessage> received = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.receive(7L);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(300);
        queue.send(bytes("late"), 7L);
        assertThat(describe(received.get(5, TimeUnit.SECONDS))).isEqualTo("7:late");
        queue.unlink();
    }

    @Test
    void depthCapacityAndBytesComeFromTheKernel() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("depth")).maxBytes(1000));
        assertThat(queue.maxBytes()).isEqualTo(1000);
        assertThat(queue.capacity()).isEqualTo(1000);
        assertThat(queue.maxMessageSize()).isEqualTo((int) Math.min(1000, sysctl("/proc/sys/kernel/msgmax")));
        for (int i = 0; i < 3; i++) {
            queue.send(new byte[10]);
        }
        assertThat(queue.depth()).isEqualTo(3);
        assertThat(queue.bytesWaiting()).isEqualTo(30);
        queue.unlink();
    }

    @Test
    void permissionsAreReadAndSetThroughMsgctlAndIpcsListsTheQueue() throws Exception {
        int key = this.cleanup.sysvKey("perm");
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(key).mode(0660));
        assertThat(queue.name()).isEqualTo("key " + SysvKey.format(key));
        assertThat(queue.key()).isEqualTo(key);
        assertThat(queue.isOwned()).isTrue();
        assertThat(queue.permissions().mode()).isEqualTo(0660);
        assertThat(queue.permissions().uid()).isEqualTo(Sys.effectiveUid());
        assertThat(ipcsQueueLine(key)).contains("660");
        queue.setPermissions(Sys.effectiveUid(), Sys.effectiveGid(), 0604);
        assertThat(queue.permissions().mode()).isEqualTo(0604);
        assertThat(ipcsQueueLine(key)).contains("604");
        // Open-or-create accepts an existing queue only within the configured mode (see SquattingTests).
        assertThatThrownBy(() -> open(IpcMessageQueue.sysv(key).mode(0600)))
            .isInstanceOf(IpcUntrustedObjectException.class);
        IpcSysvMessageQueue opener = open(IpcMessageQueue.sysv(key).mode(0604));
        assertThat(opener.isOwned()).isFalse();
        assertThat(opener.permissions().mode()).isEqualTo(0604);
        queue.unlink();
    }

    private static List<String> ipcsQueueLine(int key) {
        try (PeerProcess ipcs = PeerProcess.start("ipcs", "-q")) {
            ipcs.awaitSuccess(PEER_TIMEOUT);
            return SysvSemaphoreTests.drain(ipcs).stream().map((line) -> List.of(line.split("\\s+")))
                    .filter((fields) -> fields.get(0).equals(SysvKey.format(key))).findFirst()
                    .orElseThrow(() -> new AssertionError("ipcs -q does not list key " + SysvKey.format(key)));
        }
    }

    @Test
    void oversizedPayloadIsRefusedBeforeTheCall() {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("big")).maxMessageSize(32));
        assertThatThrownBy(() -> queue.send(new byte[33])).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("33 bytes").hasMessageContaining("max-message-size of 32")
                .hasMessageContaining("System V message queue key ");
        assertThat(queue.depth()).isZero();
        queue.unlink();
    }

    @Test
    void limitsAboveMsgmaxOrMsgmnbNameTheSysctlAndCreateNothing() throws Exception {
        long msgmax = sysctl("/proc/sys/kernel/msgmax");
        long msgmnb = sysctl("/proc/sys/kernel/msgmnb");
        int key = this.cleanup.sysvKey("limits");
        assertThatThrownBy(() -> IpcMessageQueue.sysv(key).maxMessageSize((int) msgmax + 1).open())
                .isInstanceOf(IpcLimitExceededException.class)
                .hasMessageContaining("max-message-size " + (msgmax + 1) + " exceeds /proc/sys/kernel/msgmax=" + msgmax);
        assertThatThrownBy(() -> IpcMessageQueue.sysv(key).maxBytes(msgmnb + 1).open())
                .isInstanceOf(IpcLimitExceededException.class)
                .hasMessageContaining("max-bytes " + (msgmnb + 1) + " exceeds /proc/sys/kernel/msgmnb=" + msgmnb);
        // Nothing was created: the cleanup check after this test fails on any queue left behind.
    }

    @Test
    void payloadThatCanNeverFitAfterAnotherHandleLoweredMsgQbytesIsRefusedInsteadOfWaitingForever() {
        int key = this.cleanup.sysvKey("qbytes");
        IpcSysvMessageQueue sender = open(IpcMessageQueue.sysv(key));
        IpcSysvMessageQueue admin = open(IpcMessageQueue.sysv(key).create(CreateMode.OPEN_ONLY));
        admin.setMaxBytes(100);
        assertThat(sender.maxBytes()).isEqualTo(100);
        assertThatThrownBy(() -> sender.send(new byte[200])).isInstanceOf(IpcLimitExceededException.class)
                .hasMessageContaining("200 bytes can never fit").hasMessageContaining("msg_qbytes is 100")
                .hasMessageContaining("/proc/sys/kernel/msgmnb");
        assertThatThrownBy(() -> admin.setMaxBytes(Long.MAX_VALUE)).isInstanceOf(IpcLimitExceededException.class)
                .hasMessageContaining("/proc/sys/kernel/msgmnb");
        sender.unlink();
    }

    @Test
    void typesBelowOneAndKeyZeroAreRefused() {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("type")));
        assertThatThrownBy(() -> queue.send(bytes("x"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message type 0").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> queue.send(bytes("x"), -3L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message type -3");
        assertThatThrownBy(() -> queue.trySend(bytes("x"), 0L, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.depth()).isZero();
        assertThatThrownBy(() -> IpcMessageQueue.sysv(0).open()).isInstanceOf(IpcInvalidNameException.class)
                .hasMessageContaining("IPC_PRIVATE");
        queue.unlink();
    }

    @Test
    void createModesFollowBoostVocabulary() throws Exception {
        int key = this.cleanup.sysvKey("modes");
        assertThatThrownBy(() -> IpcMessageQueue.sysv(key).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcNotFoundException.class).hasMessageContaining("msgget")
                .hasMessageContaining("ENOENT").hasMessageContaining("open-only");
        IpcSysvMessageQueue creator = open(IpcMessageQueue.sysv(key).create(CreateMode.CREATE_ONLY));
        assertThatThrownBy(() -> IpcMessageQueue.sysv(key).create(CreateMode.CREATE_ONLY).open())
                .isInstanceOf(IpcAlreadyExistsException.class).hasMessageContaining("EEXIST");
        creator.send(bytes("old"));
        IpcSysvMessageQueue recreated = open(IpcMessageQueue.sysv(key).create(CreateMode.RECREATE));
        assertThat(recreated.isOwned()).isTrue();
        assertThat(recreated.depth()).isZero();
        recreated.unlink();
        recreated.unlink();
    }

    @Test
    void closeAndInterruptEndABlockedReceive() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("close")));
        BlockedCall interrupted = BlockedCall.start(() -> queue.receive());
        Thread.sleep(200);
        interrupted.thread().interrupt();
        assertThat(interrupted.outcome(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        BlockedCall closed = BlockedCall.start(() -> queue.receive());
        Thread.sleep(200);
        queue.close();
        assertThat(closed.outcome(Duration.ofSeconds(5))).isInstanceOf(IpcClosedException.class);
        queue.unlink();
    }

    @Test
    void closeAndInterruptEndASendBlockedOnAFullQueue() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("full")).maxBytes(16));
        queue.send(new byte[10], 1L);
        BlockedCall interrupted = BlockedCall.start(() -> queue.send(new byte[10], 1L));
        Thread.sleep(200);
        interrupted.thread().interrupt();
        assertThat(interrupted.outcome(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        BlockedCall closed = BlockedCall.start(() -> queue.send(new byte[10], 1L));
        Thread.sleep(200);
        queue.close();
        assertThat(closed.outcome(Duration.ofSeconds(5))).isInstanceOf(IpcClosedException.class);
        queue.unlink();
    }

    @Test
    void aSendBlockedOnAFullQueueGoesThroughWhenRoomIsMade() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("room")).maxBytes(16));
        queue.send(bytes("first"), 1L);
        BlockedCall blocked = BlockedCall.start(() -> queue.send(bytes("second"), 2L));
        Thread.sleep(200);
        assertThat(queue.receive(Duration.ofSeconds(1))).map(SysvMessageQueueTests::describe).contains("1:first");
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isNull();
        assertThat(queue.receive(Duration.ofSeconds(1))).map(SysvMessageQueueTests::describe).contains("2:second");
        queue.unlink();
    }

    @Test
    void anIdleReceiverWaitsInsideMsgrcvInsteadOfPolling() throws Exception {
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(this.cleanup.sysvKey("idle")));
        IdleReceiver receiver = IdleReceiver.start("sysv-idle-rcv", () -> queue.receive(Duration.ofSeconds(30)));
        receiver.assertWaitsInside(Set.of(KernelThreads.MSGRCV));
        queue.send(bytes("wake"), 4L);
        assertThat(receiver.received(Duration.ofSeconds(5))).map(SysvMessageQueueTests::describe).contains("4:wake");
        queue.unlink();
    }

    @Test
    void withBlockingCallsTurnedOffTheReceiverPollsAndStillHonoursTimeoutInterruptAndClose() {
        try (PeerProcess peer = ChildJvm.start(PollingSysvQueuePeer.class,
                Integer.toString(this.cleanup.sysvKey("polling")))) {
            peer.awaitLine("OK", PEER_TIMEOUT);
        }
    }

    @Test
    void removalByAnotherHandleEndsABlockedReceiveWithAnErrorNamingIt() throws Exception {
        int key = this.cleanup.sysvKey("removed");
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(key));
        IpcSysvMessageQueue other = open(IpcMessageQueue.sysv(key).create(CreateMode.OPEN_ONLY));
        BlockedCall blocked = BlockedCall.start(() -> other.receive());
        Thread.sleep(200);
        queue.unlink();
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isInstanceOf(IpcException.class)
                .hasMessageContaining("msgrcv").hasMessageContaining("removed");
    }

    @Test
    void pythonSysvIpcExchangesTypedRawMessagesBothWays() throws Exception {
        NativePeers.require(NativePeers.pythonHas("sysv_ipc"),
                "python3-sysv-ipc is not installed (apt-get install python3-sysv-ipc)");
        int key = this.cleanup.sysvKey("py");
        IpcSysvMessageQueue queue = open(IpcMessageQueue.sysv(key).mode(0600));
        byte[] binary = { 0, 1, (byte) 0xff, '\n', 'j', 0 };
        queue.send(binary, 5L);
        queue.send(bytes("java-2"), 2L);
        queue.send(bytes("java-8"), 8L);
        String script = """
                import sys, sysv_ipc
                q = sysv_ipc.MessageQueue(int(sys.argv[1]))
                for t in (-5, -5, 0):
                    m, mt = q.receive(block=True, type=t)
                    print(mt, m.hex(), flush=True)
                q.send(b"py-3\\x00\\xfe", type=3)
                q.send(b"py-1", type=1)
                print("SENT", flush=True)
                """;
        try (PeerProcess python = PeerProcess.start(NativePeers.python(), "-c", script, Integer.toString(key))) {
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("2 " + HexFormat.of().formatHex(bytes("java-2")));
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("5 " + HexFormat.of().formatHex(binary));
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("8 " + HexFormat.of().formatHex(bytes("java-8")));
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("SENT");
            python.awaitSuccess(PEER_TIMEOUT);
        }
        IpcMessage three = queue.receive(3L, Duration.ofSeconds(5)).orElseThrow();
        assertThat(three.type()).isEqualTo(3);
        assertThat(three.payload()).isEqualTo(new byte[] { 'p', 'y', '-', '3', 0, (byte) 0xfe });
        IpcMessage one = queue.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(one.type()).isEqualTo(1);
        assertThat(one.payload()).isEqualTo(bytes("py-1"));
        queue.unlink();
    }
}
