package dev.springipc.core.pipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springipc.core.Framing;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcPipe;
import dev.springipc.testsupport.NativePeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Child-process pipes with python3 children: framed messages both ways, stderr to the sink,
 * restarts, EPIPE as an error and a stop that leaves nothing running.
 */
class ChildProcessPipeTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Upper-cases each line; "fail" exits with code 3, "err" writes to stderr. */
    private static final String UPPER = """
            import sys
            for line in sys.stdin:
                line = line.rstrip("\\n")
                if line == "fail":
                    sys.exit(3)
                if line == "err":
                    print("complaint", file=sys.stderr, flush=True)
                print(line.upper(), flush=True)
            """;

    /** Echoes length-prefixed frames, reversed. */
    private static final String REVERSE_FRAMES = """
            import struct, sys
            i, o = sys.stdin.buffer, sys.stdout.buffer
            while True:
                head = i.read(4)
                if len(head) < 4:
                    break
                body = i.read(struct.unpack(">I", head)[0])
                o.write(struct.pack(">I", len(body)) + body[::-1])
                o.flush()
            """;

    /** Closes its stdin at once and keeps running. */
    private static final String DEAF = """
            import os, time
            os.close(0)
            print("deaf", flush=True)
            time.sleep(60)
            """;

    /** Ignores end-of-file and SIGTERM: only SIGKILL ends it. */
    private static final String STUBBORN = """
            import signal, sys, time
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            print("ready", flush=True)
            while True:
                time.sleep(0.05)
            """;

    @TempDir
    Path scripts;

    @Test
    void linesGoToTheChildAndItsTransformedLinesComeBack() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (IpcPipe pipe = IpcPipe.builder(python(UPPER)).stderr(stderr::add).open()) {
            pipe.send("hello".getBytes(StandardCharsets.UTF_8));
            pipe.send("err".getBytes(StandardCharsets.UTF_8));
            assertThat(receive(pipe)).isEqualTo("HELLO");
            assertThat(receive(pipe)).isEqualTo("ERR");
            // stderr is read by a thread of its own: the line may come a moment after stdout's.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (stderr.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stderr).containsExactly("complaint");
            assertThat(pipe.receive(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void lengthPrefixedFramesCarryBinaryPayloads() throws Exception {
        byte[] payload = { 0, 1, '\n', 2, (byte) 0xff };
        try (IpcPipe pipe = IpcPipe.builder(python(REVERSE_FRAMES)).framing(Framing.LENGTH_PREFIXED).open()) {
            pipe.send(payload);
            assertThat(pipe.receive(WAIT)).map(IpcMessage::payload)
                .hasValue(new byte[] { (byte) 0xff, 2, '\n', 1, 0 });
        }
    }

    @Test
    void childThatFailsIsRestartedAndWorksAgain() throws Exception {
        try (IpcPipe pipe = IpcPipe.builder(python(UPPER)).restart(IpcPipe.Restart.ON_FAILURE)
            .restartBackoff(Duration.ofMillis(50)).open()) {
            long firstPid = pipe.pid().orElseThrow();
            pipe.send("fail".getBytes(StandardCharsets.UTF_8));
            // The send waits for the restarted child.
            awaitRestart(pipe);
            pipe.send("again".getBytes(StandardCharsets.UTF_8));
            assertThat(receive(pipe)).isEqualTo("AGAIN");
            assertThat(pipe.restarts()).isEqualTo(1);
            assertThat(pipe.lastExitCode()).hasValue(3);
            assertThat(pipe.pid().orElseThrow()).isNotEqualTo(firstPid);
        }
    }

    @Test
    void childThatExitsWithoutRestartGivesAClearErrorNotAHang() throws Exception {
        try (IpcPipe pipe = IpcPipe.builder(python(UPPER)).open()) {
            long pid = pipe.pid().orElseThrow();
            pipe.send("fail".getBytes(StandardCharsets.UTF_8));
            awaitGone(pid);
            assertThatThrownBy(() -> pipe.receive(WAIT)).isInstanceOf(IpcPeerGoneException.class)
                .hasMessageContaining("exited with code 3").hasMessageContaining("restart is never");
            assertThatThrownBy(() -> pipe.send("x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IpcPeerGoneException.class);
            assertThat(pipe.lastExitCode()).hasValue(3);
        }
    }

    @Test
    void writingToAChildThatClosedItsStdinIsAnEpipeErrorNotADeadJvm() throws Exception {
        try (IpcPipe pipe = IpcPipe.builder(python(DEAF)).stopTimeout(Duration.ofMillis(200)).open()) {
            assertThat(receive(pipe)).isEqualTo("deaf");
            assertThatThrownBy(() -> pipe.send("anyone?".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IpcPeerGoneException.class).hasMessageContaining("EPIPE")
                .hasMessageContaining("closed its stdin");
            assertThat(pipe.isRunning()).isTrue();
        }
    }

    @Test
    void closeKillsAChildThatIgnoresEndOfFileAndSigterm() throws Exception {
        IpcPipe pipe = IpcPipe.builder(python(STUBBORN)).stopTimeout(Duration.ofMillis(300)).open();
        long pid;
        try {
            assertThat(receive(pipe)).isEqualTo("ready");
            pid = pipe.pid().orElseThrow();
        }
        finally {
            pipe.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(pipe.lastExitCode()).hasValue(128 + 9);
    }

    @Test
    void missingProgramFailsTheOpenWithTheFix() {
        assertThatThrownBy(() -> IpcPipe.builder("/nonexistent/scorer").open()).isInstanceOf(IpcException.class)
            .hasMessageContaining("could not start the child").hasMessageContaining("without a shell");
    }

    private List<String> python(String script) throws IOException {
        NativePeers.require(NativePeers.commandWorks(NativePeers.python(), "--version"), "python3 is not installed");
        Path file = Files.writeString(Files.createTempFile(this.scripts, "peer", ".py"), script);
        return List.of(NativePeers.python(), "-u", file.toString());
    }

    private static String receive(IpcPipe pipe) throws InterruptedException {
        return pipe.receive(WAIT).orElseThrow(() -> new AssertionError("no message from " + pipe)).payloadAsString();
    }

    private static void awaitRestart(IpcPipe pipe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pipe.restarts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
