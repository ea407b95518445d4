package dev.springipc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link Main} with this JVM's options and classpath, pinned to one CPU when
 * the machine has two or more. It reads our stdout through a pipe; when this JVM dies, the pipe
 * to its stdin closes and the child exits (see {@link #exitWhenParentDies()}).
 */
final class Jvm implements AutoCloseable {

    private final Process process;

    private final BufferedReader output;

    private Jvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static boolean canPin() {
        return Runtime.getRuntime().availableProcessors() >= 2 || isPinnedByUs();
    }

    /** A JVM pinned to one CPU sees one processor; the launch script tells us the real count. */
    private static boolean isPinnedByUs() {
        String cpus = System.getenv("IPC_BENCH_CPUS");
        return cpus != null && Integer.parseInt(cpus) >= 2;
    }

    static Jvm start(int cpu, String... mainArgs) throws IOException {
        return startOn(canPin() ? Integer.toString(cpu) : null, mainArgs);
    }

    /**
     * A child on every CPU, whatever this JVM's own affinity (a child inherits it, and run.sh
     * pins the orchestrator): the unpinned runs of the ring matrix.
     */
    static Jvm startUnpinned(String... mainArgs) throws IOException {
        return startOn(canPin() ? "0-" + (cpus() - 1) : null, mainArgs);
    }

    /** The machine's CPU count (a pinned JVM sees one; the launch script tells us the real count). */
    static int cpus() {
        String cpus = System.getenv("IPC_BENCH_CPUS");
        return (cpus != null) ? Integer.parseInt(cpus) : Runtime.getRuntime().availableProcessors();
    }

    /** @param cpuList a {@code taskset -c} list, or null to start the child without taskset */
    private static Jvm startOn(String cpuList, String... mainArgs) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpuList != null) {
            command.addAll(List.of("taskset", "-c", cpuList));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(mainArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // A child pinned to one CPU sees one processor: it learns the real count here, or it
        // could not pin its own peer elsewhere (and would share its CPU with it).
        builder.environment().put("IPC_BENCH_CPUS", Integer.toString(cpus()));
        Process process = builder.start();
        Jvm jvm = new Jvm(process);
        Cleanup.register(jvm::close);
        return jvm;
    }

    /** Writes one line to the child's stdin (a command to a {@link RingDuelPeer}). */
    void tell(String line) throws IOException {
        this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        this.process.getOutputStream().flush();
    }

    /** The next line the child printed, or null at its end. */
    String readLine() throws IOException {
        return this.output.readLine();
    }

    void awaitReady() throws IOException {
        String line = readLine();
        if (!"READY".equals(line)) {
            throw new IllegalStateException("peer did not get ready; it said: " + line);
        }
    }

    /** Waits for {@code READY|info} and returns {@code info}. */
    String awaitReadyInfo() throws IOException {
        String line = readLine();
        if (line == null || !line.startsWith("READY|")) {
            throw new IllegalStateException("peer did not get ready; it said: " + line);
        }
        return line.substring("READY|".length());
    }

    void awaitExit(long seconds) throws InterruptedException {
        if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child JVM did not finish within " + seconds + " s");
        }
        if (this.process.exitValue() != 0) {
            throw new IllegalStateException("child JVM exited with status " + this.process.exitValue());
        }
    }

    /** Stops the child if it still runs: our own process, by its handle, never by name. */
    @Override
    public void close() {
        if (this.process.isAlive()) {
            this.process.destroy();
            try {
                if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** In a child: exit as soon as the parent's end of stdin closes (the parent died or gave up). */
    static void exitWhenParentDies() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The parent never writes; we only wait for end of file.
                }
            }
            catch (IOException ignored) {
                // Same as end of file.
            }
            System.exit(3); // runs the shutdown hook: a measuring JVM removes its objects
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
