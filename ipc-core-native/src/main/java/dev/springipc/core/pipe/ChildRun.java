package dev.springipc.core.pipe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.support.FrameDecoder;

/**
 * One started child: its process, a thread that decodes its stdout into the {@link Inbox}, and
 * a thread that passes its stderr lines to the sink. {@link #stop(Duration)} ends it for good.
 */
final class ChildRun {

    private static final int READ_CHUNK = 64 * 1024;

    private final Process process;

    private final OutputStream stdin;

    private final Thread stdoutReader;

    private final Thread stderrReader;

    private ChildRun(Process process, Thread stdoutReader, Thread stderrReader) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutReader = stdoutReader;
        this.stderrReader = stderrReader;
    }

    /** Starts the child; the readers run until its streams end. */
    static ChildRun start(ProcessBuilder builder, FrameDecoder frames, Inbox inbox, Consumer<String> stderr)
            throws IOException {
        Process process = builder.start();
        String name = "ipc-pipe-" + process.pid();
        Thread out = daemon(name + "-stdout", () -> pumpFrames(process.getInputStream(), frames, inbox));
        Thread err = daemon(name + "-stderr", () -> pumpLines(process.getErrorStream(), stderr));
        ChildRun run = new ChildRun(process, out, err);
        out.start();
        err.start();
        return run;
    }

    long pid() {
        return this.process.pid();
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /** Waits for the child to exit; its exit code (128 + n when killed by signal n). */
    int waitFor() throws InterruptedException {
        return this.process.waitFor();
    }

    /** Waits until stdout has been read to its end, so every message the child wrote is in the inbox. */
    void awaitOutput(Duration timeout) throws InterruptedException {
        this.stdoutReader.join(Math.max(1, timeout.toMillis()));
        this.stderrReader.join(Math.max(1, timeout.toMillis()));
    }

    /** Writes a whole frame and flushes it; an IOException means the child is gone (EPIPE). */
    void write(byte[] frame, int length) throws IOException {
        this.stdin.write(frame, 0, length);
        this.stdin.flush();
    }

    /**
     * Ends the child: closes stdin (end-of-file, the polite request), then SIGTERM, then SIGKILL
     * for it and its descendants, waiting {@code timeout} between steps. Returns once it is gone.
     */
    void stop(Duration timeout) throws InterruptedException {
        try {
            this.stdin.close();
        }
        catch (IOException ex) {
            // Already gone: the next steps find it exited.
        }
        if (exited(timeout)) {
            return;
        }
        this.process.destroy();
        if (exited(timeout)) {
            return;
        }
        kill();
        this.process.waitFor();
    }

    /** SIGKILL for the child and its descendants, without waiting. */
    void kill() {
        this.process.descendants().forEach(ProcessHandle::destroyForcibly);
        this.process.destroyForcibly();
    }

    /** Stops the readers early, e.g. when a descendant keeps the child's stdout open. */
    void abandonReaders() {
        this.stdoutReader.interrupt();
        this.stderrReader.interrupt();
    }

    private boolean exited(Duration timeout) throws InterruptedException {
        return this.process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static void pumpFrames(InputStream stdout, FrameDecoder frames, Inbox inbox) {
        byte[] chunk = new byte[READ_CHUNK];
        ByteBuffer view = ByteBuffer.wrap(chunk);
        try (stdout) {
            while (true) {
                int count = stdout.read(chunk, 0, Math.min(frames.room(), chunk.length));
                if (count < 0) {
                    return;
                }
                frames.append(view, count);
                drain(frames, inbox);
            }
        }
        catch (IOException | InterruptedException ex) {
            // The stream closed under us or the pipe closed: no more output to deliver.
        }
    }

    private static void drain(FrameDecoder frames, Inbox inbox) throws InterruptedException {
        while (true) {
            byte[] payload;
            try {
                payload = frames.next();
            }
            catch (IpcException ex) {
                inbox.put(ex);
                continue;
            }
            if (payload == null) {
                return;
            }
            inbox.put(IpcMessage.of(payload));
        }
    }

    private static void pumpLines(InputStream stderr, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                try {
                    sink.accept(line);
                }
                catch (RuntimeException ex) {
                    // A failing sink loses this line only; the child must never block on a full stderr.
                }
            }
        }
        catch (IOException ex) {
            // The stream closed: the child is gone.
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
