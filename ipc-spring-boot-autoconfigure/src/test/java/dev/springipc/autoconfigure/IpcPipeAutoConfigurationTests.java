package dev.springipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcPipe;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ipc.pipes.<key>} starts a python3 child as a bean named by the key; the context close
 * stops it.
 */
class IpcPipeAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Upper-cases each line; the line "fail" makes it exit with code 3. */
    private static final String UPPER = """
            import sys
            for line in sys.stdin:
                line = line.rstrip("\\n")
                if line == "fail":
                    sys.exit(3)
                print(line.upper(), flush=True)
            """;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path scripts;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + TestNames.unique("pipe"));

    @ParameterizedTest
    @CsvSource({ "name, /demo.upper", "mode, 0660", "create, create-only", "cleanup, never" })
    void aSettingOfNamedObjectsOnAPipeIsRefusedRatherThanIgnored(String property, String value) {
        this.runner.withPropertyValues("ipc.pipes.upper.command[0]=cat", "ipc.pipes.upper." + property + "=" + value)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(InvalidIpcPropertyException.class)
                    .hasMessageStartingWith("ipc.pipes.upper." + property + "=" + value + " does not apply to a pipe");
                InvalidIpcPropertyException failure = (InvalidIpcPropertyException) context.getStartupFailure();
                assertThat(failure.property()).isEqualTo("ipc.pipes.upper." + property);
                assertThat(failure.action()).startsWith("Remove ipc.pipes.upper." + property);
            });
    }

    @Test
    void pythonChildTransformsLinesIsRestartedAfterAFailureAndIsGoneAfterClose() throws Exception {
        Path script = Files.writeString(this.scripts.resolve("upper.py"), UPPER);
        AtomicLong lastPid = new AtomicLong();
        this.runner.withPropertyValues("ipc.pipes.upper.command[0]=" + python(), "ipc.pipes.upper.command[1]=-u",
                "ipc.pipes.upper.command[2]=" + script, "ipc.pipes.upper.restart=on-failure",
                "ipc.pipes.upper.restart-backoff=50ms", "ipc.pipes.upper.stop-timeout=1s")
            .run((context) -> {
                IpcPipe upper = context.getBean("upper", IpcPipe.class);
                assertThat(exchange(upper, "hello")).isEqualTo("HELLO");
                long firstPid = upper.pid().orElseThrow();

                upper.send(bytes("fail"));
                awaitRestart(upper);
                assertThat(exchange(upper, "again")).isEqualTo("AGAIN");
                assertThat(upper.restarts()).isEqualTo(1);
                assertThat(upper.lastExitCode()).hasValue(3);
                assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
                lastPid.set(upper.pid().orElseThrow());
            });
        assertThat(ProcessHandle.of(lastPid.get()).filter(ProcessHandle::isAlive)).as("child after context close")
            .isEmpty();
    }

    @Test
    void aPipeWithoutCommandFailsTheStartWithTheFix() {
        this.runner.withPropertyValues("ipc.pipes.scorer.restart=always").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidIpcPropertyException.class)
                .hasMessageContaining("ipc.pipes.scorer.command");
        });
    }

    private static String exchange(IpcPipe pipe, String line) throws InterruptedException {
        pipe.send(bytes(line));
        return pipe.receive(WAIT).orElseThrow(() -> new AssertionError("no reply from " + pipe)).payloadAsString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String python() {
        NativePeers.require(NativePeers.commandWorks(NativePeers.python(), "--version"), "python3 is not installed");
        return NativePeers.python();
    }

    private static void awaitRestart(IpcPipe pipe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pipe.restarts() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
