package dev.springipc.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.springipc.core.pipe.ChildProcessPipe;
import org.jspecify.annotations.Nullable;

/**
 * A child process spoken to through its standard streams: {@link #send(byte[])} writes a framed
 * message to its stdin, {@link #receive(Duration)} reads the next framed message from its
 * stdout, and each line it writes to stderr goes to a log sink. {@code open()} starts the child;
 * {@link #close()} stops it: stdin is closed (end-of-file), then after the stop timeout SIGTERM,
 * then after another stop timeout SIGKILL (its descendants too), so nothing is left running.
 * <p>
 * A child that exits is restarted according to the {@link Restart} policy, after a back-off that
 * doubles for each failure in a row. Meanwhile a send waits up to the send timeout for the new
 * child. Without a restart, a send fails at once with {@link IpcPeerGoneException} naming the
 * exit code (the JVM ignores SIGPIPE, so a dead reader never kills it), and a receive fails the
 * same way once every message the child wrote has been read.
 * <p>
 * {@link #name()} is the command line; {@link #unlink()} does nothing (a pipe has no name in the
 * file system); {@link #permissions()} are the running child's uid and gid.
 */
public interface IpcPipe extends IpcStream {

    /** A builder for a child running {@code command} (program and arguments, no shell). */
    static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** A builder for a child running {@code command} (program and arguments, no shell). */
    static Builder builder(String... command) {
        return new Builder(List.of(command));
    }

    /** The program and its arguments. */
    List<String> command();

    /** How messages are cut out of stdout and written to stdin. */
    @Override
    Framing framing();

    /**
     * Writes one framed message to the child's stdin. While the child is being restarted it
     * waits up to the send timeout for the new one; a frame that met a dead child (EPIPE: no
     * reader took any of it) goes to the restarted child. It blocks while the pipe is full
     * (64 KiB that the child has not read); {@link #close()} ends such a wait by stopping the
     * child.
     * @throws IpcPeerGoneException if the child has exited, or closed its stdin (EPIPE), and
     * restart is never
     * @throws IpcTimeoutException if no (other) child runs within the send timeout
     */
    @Override
    void send(byte[] payload) throws InterruptedException;

    /**
     * The next framed message from the child's stdout, waiting at most {@code timeout}; empty if
     * none came.
     * @throws IpcPeerGoneException if the child has exited, is not restarted, and everything it
     * wrote has been received
     * @throws IpcMessageTooLargeException once for a frame above the maximum frame size, which is
     * skipped
     */
    @Override
    Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;

    /** The pid of the running child; empty between a child's exit and its restart, and after. */
    OptionalLong pid();

    /** Whether a child runs now. */
    boolean isRunning();

    /** The exit code of the last child that exited (128 + n when killed by signal n); empty before. */
    OptionalInt lastExitCode();

    /** How many times a child was restarted. */
    int restarts();

    /** When a child that exits is started again. */
    enum Restart {

        /** Never: the pipe stays down, sends and receives fail with the exit code. */
        NEVER,

        /** When a child exits with a non-zero code or is killed by a signal. */
        ON_FAILURE,

        /** Whenever a child exits, until the pipe is closed. */
        ALWAYS;

        /** Whether a child that exited with {@code exitCode} is started again. */
        public boolean restarts(int exitCode) {
            return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
        }
    }

    /** Options for a pipe; the setters mirror the {@code ipc.pipes.*} keys. */
    final class Builder {

        /** The largest frame a pipe may carry; frames are buffered whole in memory. */
        public static final int MAX_FRAME_SIZE = 64 * 1024 * 1024;

        private final List<String> command;

        private Framing framing = Framing.LINES;

        private int maxFrameSize = 64 * 1024;

        private Restart restart = Restart.NEVER;

        private Duration restartBackoff = Duration.ofSeconds(1);

        private Duration maxRestartBackoff = Duration.ofSeconds(30);

        private Duration stopTimeout = Duration.ofSeconds(5);

        private Duration sendTimeout = Duration.ofSeconds(10);

        private @Nullable Path directory;

        private @Nullable Consumer<String> stderr;

        private Builder(List<String> command) {
            Objects.requireNonNull(command, "command");
            if (command.isEmpty() || command.get(0).isBlank()) {
                throw new IllegalArgumentException("A pipe's command needs a program, e.g. [python3, score.py]: "
                        + command);
            }
            this.command = List.copyOf(command);
        }

        /** How messages are framed; default {@link Framing#LINES}. */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /** Largest frame payload in bytes, sent or received; default 64 KiB. */
        public Builder maxFrameSize(int maxFrameSize) {
            if (maxFrameSize < 1 || maxFrameSize > MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("maxFrameSize must be between 1 and " + MAX_FRAME_SIZE + ": "
                        + maxFrameSize);
            }
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /** When a child that exits is started again; default {@link Restart#NEVER}. */
        public Builder restart(Restart restart) {
            this.restart = Objects.requireNonNull(restart, "restart");
            return this;
        }

        /** Pause before the first restart, doubled for each further failure in a row; default 1 s. */
        public Builder restartBackoff(Duration restartBackoff) {
            this.restartBackoff = positive(restartBackoff, "restartBackoff");
            return this;
        }

        /** The longest pause between restarts; default 30 s. */
        public Builder maxRestartBackoff(Duration maxRestartBackoff) {
            this.maxRestartBackoff = positive(maxRestartBackoff, "maxRestartBackoff");
            return this;
        }

        /** How long each stop step (end-of-file, SIGTERM) waits before the next; default 5 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = positive(stopTimeout, "stopTimeout");
            return this;
        }

        /** How long a send waits for a restarted child; default 10 s. */
        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = positive(sendTimeout, "sendTimeout");
            return this;
        }

        /** Working directory of the child; default the JVM's. */
        public Builder directory(@Nullable Path directory) {
            this.directory = directory;
            return this;
        }

        /** Receives each line the child writes to stderr; default a {@code java.util.logging} logger. */
        public Builder stderr(Consumer<String> stderr) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        /** Starts the child. */
        public IpcPipe open() {
            return ChildProcessPipe.start(new ChildProcessPipe.Settings(this.command, this.framing, this.maxFrameSize,
                    this.restart, this.restartBackoff, this.maxRestartBackoff, this.stopTimeout, this.sendTimeout,
                    this.directory, this.stderr));
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
