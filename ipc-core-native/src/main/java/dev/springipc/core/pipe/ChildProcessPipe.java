package dev.springipc.core.pipe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.springipc.core.Framing;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.FrameDecoder;
import dev.springipc.core.support.FrameEncoder;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcPipe} over {@link ProcessBuilder}. {@code start} runs the first child in the calling
 * thread, so a missing program fails the open; a supervisor thread then waits for each child to
 * exit and starts the next one as the restart policy says.
 */
public final class ChildProcessPipe extends AbstractIpcResource implements IpcPipe {

    static final String KIND = "child-process pipe";

    private static final Logger logger = Logger.getLogger(ChildProcessPipe.class.getName());

    private static final long RECEIVE_SLICE_NANOS = Waits.SLICE_NANOS;

    private final Settings settings;

    private final Inbox inbox = new Inbox();

    private final Consumer<String> stderr;

    private final Object writeLock = new Object();

    /** Guards {@link #run} and {@link #terminated}; notified whenever either changes. */
    private final Object stateLock = new Object();

    private final AtomicInteger restarts = new AtomicInteger();

    private final Thread supervisor;

    private volatile @Nullable ChildRun run;

    /** No child runs and none will start again. */
    private volatile boolean terminated;

    private volatile boolean stopping;

    private volatile int lastExitCode = -1;

    private byte @Nullable [] frame;

    private ChildProcessPipe(Settings settings) {
        super(KIND, String.join(" ", settings.command()), true);
        this.settings = settings;
        this.stderr = (settings.stderr() != null) ? settings.stderr()
                : (line) -> logger.log(Level.INFO, "{0} stderr: {1}", new Object[] { description(), line });
        this.supervisor = new Thread(this::supervise, "ipc-pipe-supervisor-" + settings.command().get(0));
        this.supervisor.setDaemon(true);
    }

    /** Starts the first child and its supervisor. */
    public static ChildProcessPipe start(Settings settings) {
        ChildProcessPipe pipe = new ChildProcessPipe(settings);
        NativePlatform.requireSupported(pipe.description());
        try {
            pipe.run = pipe.startChild();
        }
        catch (IOException ex) {
            throw new IpcException(pipe.description(), "exec", 0, pipe.description() + ": could not start the child: "
                    + ex.getMessage() + ". Check that the program exists and is executable; the command runs "
                    + "without a shell, so give the program and each argument as separate items", ex);
        }
        pipe.supervisor.start();
        return pipe;
    }

    private ChildRun startChild() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(this.settings.command());
        if (this.settings.directory() != null) {
            builder.directory(this.settings.directory().toFile());
        }
        FrameDecoder frames = FrameDecoder.create(this.settings.framing(), description(),
                this.settings.maxFrameSize());
        return ChildRun.start(builder, frames, this.inbox, this.stderr);
    }

    private void supervise() {
        long backoff = this.settings.restartBackoff().toNanos();
        try {
            while (true) {
                ChildRun current = this.run;
                long started = System.nanoTime();
                int code = (current != null) ? exitOf(current) : 127;
                if (this.stopping) {
                    return;
                }
                boolean restart = this.settings.restart().restarts(code);
                logger.log(restart ? Level.WARNING : Level.INFO, "{0}: child exited with code {1}{2}",
                        new Object[] { description(), code, restart ? "; restarting it" : "" });
                if (!restart) {
                    changeState(null, true);
                    return;
                }
                if (System.nanoTime() - started > this.settings.maxRestartBackoff().toNanos()) {
                    // It ran well for a while: this failure starts a new series.
                    backoff = this.settings.restartBackoff().toNanos();
                }
                TimeUnit.NANOSECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, this.settings.maxRestartBackoff().toNanos());
                ChildRun next = startOrNull();
                this.restarts.incrementAndGet();
                changeState(next, false);
            }
        }
        catch (InterruptedException ex) {
            // close(): it stops whatever child runs now.
        }
    }

    /** Waits for the child's exit and for its last output; records the exit code. */
    private int exitOf(ChildRun current) throws InterruptedException {
        int code = current.waitFor();
        current.awaitOutput(this.settings.stopTimeout());
        this.lastExitCode = code;
        changeState(null, false);
        return code;
    }

    private @Nullable ChildRun startOrNull() {
        try {
            return startChild();
        }
        catch (IOException ex) {
            this.lastExitCode = 127;
            logger.log(Level.WARNING, description() + ": could not restart the child: " + ex.getMessage(), ex);
            return null;
        }
    }

    private void changeState(@Nullable ChildRun next, boolean terminated) {
        synchronized (this.stateLock) {
            this.run = next;
            this.terminated = terminated;
            this.stateLock.notifyAll();
        }
    }

    @Override
    public List<String> command() {
        return this.settings.command();
    }

    @Override
    public Framing framing() {
        return this.settings.framing();
    }

    @Override
    public void send(byte[] payload) throws InterruptedException {
        if (payload.length > this.settings.maxFrameSize()) {
            throw new IpcMessageTooLargeException(description(), null, 0, description() + ": a payload of "
                    + payload.length + " bytes exceeds the maximum frame size of " + this.settings.maxFrameSize()
                    + " bytes; raise max-frame-size or send less");
        }
        checkWaitable();
        synchronized (this.writeLock) {
            byte[] buffer = frameBuffer();
            int length = FrameEncoder.encode(this.settings.framing(), payload, ByteBuffer.wrap(buffer), description());
            long deadline = Waits.deadline(Waits.toNanos(this.settings.sendTimeout()));
            ChildRun failed = null;
            while (true) {
                ChildRun target = awaitChild(deadline, failed);
                try {
                    target.write(buffer, length);
                    return;
                }
                catch (IOException ex) {
                    if (this.settings.restart() == Restart.NEVER) {
                        throw new IpcPeerGoneException(description(), "write", Errno.EPIPE, description()
                                + ": write failed with EPIPE (" + ex.getMessage() + "): the child (pid " + target.pid()
                                + ") exited or closed its stdin, and restart is never: the pipe stays down");
                    }
                    // No reader took any of it: the frame goes whole to the restarted child.
                    failed = target;
                }
            }
        }
    }

    private byte[] frameBuffer() {
        if (this.frame == null) {
            this.frame = new byte[this.settings.maxFrameSize() + FrameEncoder.overhead(this.settings.framing())];
        }
        return this.frame;
    }

    /** The running child, other than {@code failed}, waiting up to {@code deadline} for a restart. */
    private ChildRun awaitChild(long deadline, @Nullable ChildRun failed) throws InterruptedException {
        synchronized (this.stateLock) {
            while (true) {
                ensureOpen();
                ChildRun current = this.run;
                if (current != null && current != failed && current.isAlive()) {
                    return current;
                }
                if (this.terminated) {
                    throw gone("write");
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IpcTimeoutException(description(), "write", 0, description() + ": no child "
                            + ((failed != null) ? "other than pid " + failed.pid() + ", which closed its stdin, " : "")
                            + "ran within the send timeout of " + this.settings.sendTimeout() + " (restarts so far: "
                            + this.restarts.get() + ", last exit code " + this.lastExitCode + "); check the child's "
                            + "stderr in the log, or raise send-timeout");
                }
                TimeUnit.NANOSECONDS.timedWait(this.stateLock, Math.min(remaining, Waits.SLICE_NANOS));
            }
        }
    }

    @Override
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        Waits.checkInterrupted();
        long deadline = Waits.deadline(Waits.toNanos(timeout));
        while (true) {
            ensureOpen();
            boolean ended = this.terminated;
            long remaining = Math.max(0, deadline - System.nanoTime());
            IpcMessage message = this.inbox.poll(Duration.ofNanos(Math.min(remaining, RECEIVE_SLICE_NANOS)));
            if (message != null) {
                return Optional.of(message);
            }
            if (ended && this.inbox.isEmpty()) {
                throw gone("read");
            }
            if (deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
        }
    }

    private IpcPeerGoneException gone(String call) {
        return new IpcPeerGoneException(description(), call, 0, description() + ": the child exited with code "
                + this.lastExitCode + " and restart is " + this.settings.restart().name().toLowerCase().replace('_', '-')
                + ", so nothing runs any more. Check the child's stderr in the log; set restart to on-failure or "
                + "always to keep it running, or open the pipe again");
    }

    @Override
    public OptionalLong pid() {
        ChildRun current = this.run;
        return (current != null && current.isAlive()) ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    @Override
    public boolean isRunning() {
        ChildRun current = this.run;
        return current != null && current.isAlive();
    }

    @Override
    public OptionalInt lastExitCode() {
        int code = this.lastExitCode;
        return (code >= 0) ? OptionalInt.of(code) : OptionalInt.empty();
    }

    @Override
    public int restarts() {
        return this.restarts.get();
    }

    @Override
    protected void closeHandle() {
        this.stopping = true;
        this.supervisor.interrupt();
        boolean interrupted = false;
        try {
            this.supervisor.join();
        }
        catch (InterruptedException ex) {
            interrupted = true;
        }
        ChildRun current = this.run;
        if (current != null) {
            interrupted |= stop(current);
        }
        changeState(null, true);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a child; returns whether the caller was interrupted (the child is then killed at once). */
    private boolean stop(ChildRun current) {
        try {
            current.stop(this.settings.stopTimeout());
            this.lastExitCode = current.waitFor();
            return false;
        }
        catch (InterruptedException ex) {
            current.kill();
            return true;
        }
        finally {
            current.abandonReaders();
        }
    }

    @Override
    protected void removeName() {
        // A pipe has no name in the file system.
    }

    /** A pipe is usable while its child runs. */
    @Override
    protected IpcResourceStatus inspect() {
        if (isRunning()) {
            return IpcResourceStatus.present("present: " + description() + " (pid " + pid().orElse(-1) + ")");
        }
        OptionalInt exit = lastExitCode();
        return new IpcResourceStatus(IpcResourceStatus.State.STOPPED, "stopped: " + description()
                + " has no running child" + (exit.isPresent() ? " (last exit code " + exit.getAsInt() + ")" : ""));
    }

    @Override
    protected FileStatus status() throws NativeError {
        OptionalLong pid = pid();
        return FileStatus.ofPath("/proc/" + (pid.isPresent() ? Long.toString(pid.getAsLong()) : "self"));
    }

    /**
     * What the builder collected.
     * @param command program and arguments
     * @param framing how messages are framed
     * @param maxFrameSize largest frame payload
     * @param restart when a child is started again
     * @param restartBackoff first pause before a restart
     * @param maxRestartBackoff longest pause before a restart
     * @param stopTimeout wait between the stop steps
     * @param sendTimeout how long a send waits for a running child
     * @param directory working directory, or null for the JVM's
     * @param stderr sink of stderr lines, or null for java.util.logging
     */
    public record Settings(List<String> command, Framing framing, int maxFrameSize, Restart restart,
            Duration restartBackoff, Duration maxRestartBackoff, Duration stopTimeout, Duration sendTimeout,
            @Nullable Path directory, @Nullable Consumer<String> stderr) {
    }
}
