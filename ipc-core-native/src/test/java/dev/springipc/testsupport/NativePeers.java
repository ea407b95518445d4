package dev.springipc.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Native peers that a developer's machine may lack: gcc and Debian's Python modules. Without
 * them a test is skipped with the reason; with {@code -Dipc.test.requireNativePeers=true} (set by
 * {@code .ci/run} through IPC_TEST_REQUIRE_NATIVE_PEERS) the skip becomes a failure, so CI
 * never passes by skipping.
 */
public final class NativePeers {

    /** Debian's interpreter: its modules (python3-sysv-ipc) are not on another python3 first on PATH. */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private NativePeers() {
    }

    /** Skips the test (or fails it in CI) with {@code reason} unless {@code available}. */
    public static void require(boolean available, String reason) {
        require(available, reason, "ipc.test.requireNativePeers", "Native peer required but missing: ",
                " (.ci/run installs it; IPC_TEST_REQUIRE_NATIVE_PEERS=true turns this skip into a failure)");
    }

    /**
     * Skips the test with {@code reason} unless {@code available}, or fails it with
     * {@code failure + reason + remedy} if the system property {@code property} is true.
     */
    static void require(boolean available, String reason, String property, String failure, String remedy) {
        if (available) {
            return;
        }
        if (Boolean.parseBoolean(System.getProperty(property))) {
            throw new AssertionError(failure + reason + remedy);
        }
        Assumptions.abort("Skipped: " + reason);
    }

    /** The python3 to run peers with: Debian's if present, else the first on PATH. */
    public static String python() {
        return Files.isExecutable(DEBIAN_PYTHON) ? DEBIAN_PYTHON.toString() : "python3";
    }

    /** Whether {@code python()} can import {@code module}. */
    public static boolean pythonHas(String module) {
        return runQuietly(List.of(python(), "-c", "import " + module));
    }

    /** Whether {@code program} runs (e.g. {@code gcc --version}). */
    public static boolean commandWorks(String... command) {
        return runQuietly(List.of(command));
    }

    /**
     * Compiles the C source {@code src/test/c/<name>.c} into {@code target/native/<name>} and
     * returns the binary; skips (or fails in CI) when gcc is missing.
     */
    public static Path compileC(String name) {
        require(commandWorks("gcc", "--version"), "gcc is not installed (apt-get install gcc)");
        Path source = Path.of("src", "test", "c", name + ".c").toAbsolutePath();
        Path binary = Path.of("target", "native", name).toAbsolutePath();
        try {
            Files.createDirectories(binary.getParent());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        List<String> command = new ArrayList<>(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", binary.toString(),
                source.toString(), "-lrt", "-pthread"));
        try (PeerProcess gcc = PeerProcess.start(command)) {
            int code = gcc.waitFor(Duration.ofSeconds(60));
            if (code != 0) {
                throw new AssertionError("gcc failed for " + source + ":\n" + gcc.stderr());
            }
        }
        return binary;
    }

    private static boolean runQuietly(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
