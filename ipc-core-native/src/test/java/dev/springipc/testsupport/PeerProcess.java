package dev.springipc.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started (child JVM, C program, python, cat): lines of its stdout arrive in
 * a queue, stderr is collected, and closing it ends the process by its own handle if it still
 * runs, so a failed test leaves no process behind.
 */
public final class PeerProcess implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;

    private final String description;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    private PeerProcess(Process process, String description) {
        this.process = process;
        this.description = description;
        pump(process.getInputStream(), this.lines::add, true);
        pump(process.getErrorStream(), this.stderr::add, false);
    }

    /** Starts {@code command}; the working directory is the current one. */
    public static PeerProcess start(List<String> command) {
        try {
            return new PeerProcess(new ProcessBuilder(command).start(), String.join(" ", command));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start " + command, ex);
        }
    }

    public static PeerProcess start(String... command) {
        return start(List.of(command));
    }

    private void pump(InputStream stream, java.util.function.Consumer<String> sink, boolean markEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            }
            catch (IOException ex) {
                // The process ended; nothing more to read.
            }
            if (markEnd) {
                this.lines.add(EOF);
            }
        }, "peer-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** The process id, e.g. to send it a signal. */
    public long pid() {
        return this.process.pid();
    }

    /** The next stdout line, failing the test if none comes within {@code timeout}. */
    public String nextLine(Duration timeout) {
        try {
            String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("No output from " + this + " within " + timeout + diagnostics());
            }
            if (line.equals(EOF)) {
                this.lines.add(EOF);
                throw new AssertionError("Output of " + this + " ended" + diagnostics());
            }
            return line;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
    }

    /** Skips lines until one equals {@code expected}. */
    public void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = nextLine(Duration.ofNanos(Math.max(left, 1)));
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** The stdout lines still to come, once the process has ended within {@code timeout}. */
    public List<String> remainingLines(Duration timeout) {
        waitFor(timeout);
        List<String> remaining = new ArrayList<>();
        try {
            for (String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS); !EOF.equals(line);
                    line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                if (line == null) {
                    throw new AssertionError("The output of " + this + " did not end within " + timeout);
                }
                remaining.add(line);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
        this.lines.add(EOF);
        return remaining;
    }

    /** Writes a line to the process's stdin. */
    public void send(String line) {
        try {
            OutputStream stdin = this.process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (IOException ex) {
            throw new AssertionError("Could not write to " + this + diagnostics(), ex);
        }
    }

    /** Closes the process's stdin (EOF for a reader such as cat). */
    public void closeStdin() {
        try {
            this.process.getOutputStream().close();
        }
        catch (IOException ex) {
            // Already gone.
        }
    }

    /** Waits for the exit code, failing the test if the process runs longer than {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " still runs after " + timeout + diagnostics());
            }
            return this.process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
    }

    /** Waits for exit code 0. */
    public void awaitSuccess(Duration timeout) {
        int code = waitFor(timeout);
        if (code != 0) {
            throw new AssertionError(this + " exited with " + code + diagnostics());
        }
    }

    /**
     * Stops the process with SIGTERM and waits for it to end, failing the test unless it ended
     * within {@code timeout} with 0 or 143 (128 + SIGTERM: a JVM exits so once its shutdown
     * hooks, a Spring context's close among them, have run). A process already gone is only
     * waited for.
     */
    public void terminateAndAwait(Duration timeout) {
        this.process.destroy();
        int code = waitFor(timeout);
        if (code != 0 && code != 143) {
            throw new AssertionError(this + " exited with " + code + " after SIGTERM" + diagnostics());
        }
    }

    /** Kills the process with SIGKILL and waits for it to be gone. */
    public void kill() {
        this.process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /** What the process wrote to stderr so far. */
    public String stderr() {
        synchronized (this.stderr) {
            return String.join("\n", this.stderr);
        }
    }

    private String diagnostics() {
        String err = stderr();
        return err.isEmpty() ? "" : "\n--- stderr of " + this.description + " ---\n" + err;
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            this.process.destroyForcibly();
            try {
                this.process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "process " + this.process.pid() + " (" + this.description + ")";
    }
}
