package dev.springipc.core.fifo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcFifoPair;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.JavaPeer;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IdleReceiver;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.KernelThreads;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedFifoTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcFifo open(IpcFifo.Builder builder) {
        return this.cleanup.track(builder.open());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<IpcMessage> message) {
        return message.map(IpcMessage::payloadAsString).orElse("<nothing>");
    }

    @Test
    void catReadsTheLinesJavaWrites() throws Exception {
        Path path = this.cleanup.fifoPath("cat");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()).mode(0660));
        assertThat(fifo.permissions().mode()).isEqualTo(0660);
        assertThat(fifo.isOwned()).isTrue();
        try (PeerProcess cat = PeerProcess.start("cat", path.toString())) {
            fifo.send(bytes("alpha"));
            fifo.send(bytes("beta"));
            assertThat(cat.nextLine(PEER_TIMEOUT)).isEqualTo("alpha");
            assertThat(cat.nextLine(PEER_TIMEOUT)).isEqualTo("beta");
            // Closing the only writer is end-of-file for cat.
            fifo.close();
            cat.awaitSuccess(PEER_TIMEOUT);
        }
        fifo.unlink();
        assertThat(path).doesNotExist();
    }

    @Test
    void javaReadsTheLinesEchoAndPrintfWrite() throws Exception {
        Path path = this.cleanup.fifoPath("echo");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()));
        // The reading end opens at once, with or without a writer.
        assertThat(fifo.receive(Duration.ZERO)).isEmpty();
        try (PeerProcess shell = PeerProcess.start("sh", "-c",
                "echo one > \"$1\" && printf 'two\\nthree\\n' > \"$1\"", "sh", path.toString())) {
            shell.awaitSuccess(PEER_TIMEOUT);
        }
        // Writers came and went; the reader saw no end-of-file and lost nothing.
        assertThat(text(fifo.receive(PEER_TIMEOUT))).isEqualTo("one");
        assertThat(text(fifo.receive(PEER_TIMEOUT))).isEqualTo("two");
        assertThat(text(fifo.receive(PEER_TIMEOUT))).isEqualTo("three");
        assertThat(fifo.receive(Duration.ofMillis(100))).isEmpty();
        fifo.unlink();
    }

    @Test
    void aReaderWithoutWriterWaitsOnlyItsTimeout() throws Exception {
        IpcFifo fifo = open(IpcFifo.builder(this.cleanup.fifoPath("idle").toString()));
        long start = System.nanoTime();
        assertThat(fifo.receive(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        fifo.unlink();
    }

    @Test
    void anIdleReaderWaitsInsidePollOnceItsSpinIsOver() throws Exception {
        Path path = this.cleanup.fifoPath("idlepoll");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()));
        IdleReceiver reader = IdleReceiver.start("fifo-idle-rcv", () -> fifo.receive(Duration.ofSeconds(30)));
        reader.assertWaitsInside(KernelThreads.POLL);
        try (IpcFifo writer = IpcFifo.builder(path.toString()).create(CreateMode.OPEN_ONLY).open()) {
            writer.send(bytes("wake"));
        }
        assertThat(text(reader.received(Duration.ofSeconds(5)))).isEqualTo("wake");
        fifo.unlink();
    }

    @Test
    void aWriterWithoutReaderTimesOutWithAClearError() {
        IpcFifo fifo = open(IpcFifo.builder(this.cleanup.fifoPath("noreader").toString())
                .sendTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> fifo.send(bytes("hello"))).isInstanceOf(IpcTimeoutException.class)
                .hasMessageContaining("ENXIO").hasMessageContaining("no process opened the FIFO for reading");
        fifo.unlink();
    }

    @Test
    void aWriterWhoseReaderVanishedGetsPeerGoneAndTheJvmLives() throws Exception {
        Path path = this.cleanup.fifoPath("epipe");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()).sendTimeout(Duration.ofMillis(500)));
        try (PeerProcess head = PeerProcess.start("head", "-n", "1", path.toString())) {
            fifo.send(bytes("first"));
            assertThat(head.nextLine(PEER_TIMEOUT)).isEqualTo("first");
            head.awaitSuccess(PEER_TIMEOUT);
        }
        // The reader is gone: EPIPE, not a SIGPIPE-killed JVM.
        assertThatThrownBy(() -> fifo.send(bytes("second"))).isInstanceOf(IpcPeerGoneException.class)
                .hasMessageContaining("EPIPE").hasMessageContaining("reader closed the FIFO");
        // The next send waits for a new reader, and there is none.
        assertThatThrownBy(() -> fifo.send(bytes("third"))).isInstanceOf(IpcTimeoutException.class);
        try (PeerProcess cat = PeerProcess.start("head", "-n", "1", path.toString())) {
            fifo.send(bytes("fourth"));
            assertThat(cat.nextLine(PEER_TIMEOUT)).isEqualTo("fourth");
            cat.awaitSuccess(PEER_TIMEOUT);
        }
        fifo.unlink();
    }

    @Test
    void aFrameAnnouncingTwoGigabytesIsRefusedWithoutAllocating() throws Exception {
        Path path = this.cleanup.fifoPath("huge");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()).framing(Framing.LENGTH_PREFIXED).maxFrameSize(1024));
        fifo.receive(Duration.ZERO);
        long heapBefore = usedHeap();
        try (PeerProcess shell = PeerProcess.start("sh", "-c", "printf '\\200\\000\\000\\000garbage' > \"$1\"", "sh",
                path.toString())) {
            shell.awaitSuccess(PEER_TIMEOUT);
        }
        assertThatThrownBy(() -> fifo.receive(PEER_TIMEOUT)).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("announcing 2147483648 bytes").hasMessageContaining("1024 bytes");
        // The announced body is skipped as it arrives, so nothing more comes out of this stream.
        assertThat(fifo.receive(Duration.ofMillis(100))).isEmpty();
        assertThat(usedHeap() - heapBefore).isLessThan(512L * 1024 * 1024);
        fifo.unlink();
    }

    @Test
    void anOversizedFrameIsSkippedAndTheStreamStaysInStep() throws Exception {
        Path path = this.cleanup.fifoPath("skip");
        IpcFifo reader = open(IpcFifo.builder(path.toString()).framing(Framing.LENGTH_PREFIXED).maxFrameSize(16));
        reader.receive(Duration.ZERO);
        IpcFifo writer = open(IpcFifo.builder(path.toString()).framing(Framing.LENGTH_PREFIXED).maxFrameSize(64));
        writer.send(bytes("small"));
        writer.send(bytes("x".repeat(40)));
        writer.send(bytes("after"));
        assertThat(text(reader.receive(PEER_TIMEOUT))).isEqualTo("small");
        assertThatThrownBy(() -> reader.receive(PEER_TIMEOUT)).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("announcing 40 bytes");
        assertThat(text(reader.receive(PEER_TIMEOUT))).isEqualTo("after");
        reader.unlink();
    }

    @Test
    void aLineLongerThanTheMaximumIsSkippedUpToItsNewline() throws Exception {
        Path path = this.cleanup.fifoPath("longline");
        IpcFifo reader = open(IpcFifo.builder(path.toString()).maxFrameSize(8));
        reader.receive(Duration.ZERO);
        try (PeerProcess shell = PeerProcess.start("sh", "-c",
                "printf 'ok\\nthis-line-is-far-too-long\\nnext\\n' > \"$1\"", "sh", path.toString())) {
            shell.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(text(reader.receive(PEER_TIMEOUT))).isEqualTo("ok");
        assertThatThrownBy(() -> reader.receive(PEER_TIMEOUT)).isInstanceOf(IpcMessageTooLargeException.class)
                .hasMessageContaining("exceeds the maximum frame size of 8 bytes");
        assertThat(text(reader.receive(PEER_TIMEOUT))).isEqualTo("next");
        reader.unlink();
    }

    @Test
    void rawFramingPassesBytesThrough() throws Exception {
        Path path = this.cleanup.fifoPath("raw");
        IpcFifo fifo = open(IpcFifo.builder(path.toString()).framing(Framing.RAW));
        fifo.receive(Duration.ZERO);
        fifo.send(new byte[] { 0, 10, (byte) 0xff, 13 });
        assertThat(fifo.receive(PEER_TIMEOUT).orElseThrow().payload()).containsExactly(0, 10, 0xff, 13);
        IpcFifo lines = open(IpcFifo.builder(this.cleanup.fifoPath("lines").toString()));
        assertThatThrownBy(() -> lines.send(bytes("two\nlines"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newline");
        lines.unlink();
        fifo.unlink();
    }

    @Test
    void aRegularFileOrASymlinkAtThePathIsRefusedAndLeftAlone() throws IOException {
        Path file = this.cleanup.fifoPath("regular");
        Files.writeString(file, "precious");
        Path target = this.cleanup.fifoPath("target");
        IpcFifo real = open(IpcFifo.builder(target.toString()));
        Path link = this.cleanup.fifoPath("link");
        Files.createSymbolicLink(link, target);
        try {
            for (CreateMode mode : CreateMode.values()) {
                assertThatThrownBy(() -> IpcFifo.builder(file.toString()).create(mode).open()).as(mode.name())
                        .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("regular file");
                assertThatThrownBy(() -> IpcFifo.builder(link.toString()).create(mode).open()).as(mode.name())
                        .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("symbolic link");
            }
            assertThat(Files.readString(file)).isEqualTo("precious");
            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
        finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(link);
            real.unlink();
        }
    }

    @Test
    void pathsThatClimbOutOfTheirDirectoryAreRefused() {
        Path directory = Path.of("/tmp");
        for (String bad : new String[] { "../etc/passwd", "a/../../b", "/tmp/../etc/x", "", "with\0nul" }) {
            assertThatThrownBy(() -> IpcFifo.builder(bad).directory(directory).open()).as(bad)
                    .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("invalid FIFO path");
        }
    }

    @Test
    void aDuplexPairTalksBothWaysWithAChildJvm() throws Exception {
        Path requests = this.cleanup.fifoPath("req");
        Path replies = this.cleanup.fifoPath("rep");
        IpcFifoPair pair = this.cleanup.track(IpcFifoPair.builder(requests.toString(), replies.toString())
                .framing(Framing.LENGTH_PREFIXED).open());
        // Open our reading end before the child may answer.
        assertThat(pair.receive(Duration.ZERO)).isEmpty();
        try (PeerProcess child = ChildJvm.start(JavaPeer.class, "fifo-echo", replies.toString(), requests.toString(),
                "LENGTH_PREFIXED", "2")) {
            child.awaitLine("READY", PEER_TIMEOUT);
            pair.send(bytes("ping\nwith newline"));
            assertThat(text(pair.receive(PEER_TIMEOUT))).isEqualTo("echo:ping\nwith newline");
            pair.send(bytes("second"));
            assertThat(text(pair.receive(PEER_TIMEOUT))).isEqualTo("echo:second");
            child.awaitLine("DONE", PEER_TIMEOUT);
            child.awaitSuccess(PEER_TIMEOUT);
        }
        pair.unlink();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
