package dev.springipc.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.springipc.core.fifo.NamedFifo;

/**
 * A named pipe ({@code mkfifo}) carrying framed messages, readable and writable by any process,
 * e.g. {@code cat} and {@code echo} with {@link Framing#LINES}.
 * <p>
 * Ends are opened on first use and never block the caller forever:
 * <ul>
 * <li>the reading end opens at once and {@link #receive(Duration)} returns empty when nothing
 * arrives; it never sees end-of-file, so writers may come and go;</li>
 * <li>{@link #send(byte[])} waits up to the send timeout for a reader to appear, then fails with
 * {@link IpcTimeoutException}; if the reader goes away, the next send fails with
 * {@link IpcPeerGoneException} (EPIPE; the JVM ignores SIGPIPE) and the one after waits for a
 * new reader.</li>
 * </ul>
 * Frames up to PIPE_BUF (4096 bytes) are written atomically, so several writers do not
 * interleave them.
 */
public interface IpcFifo extends IpcStream {

    /** The default directory for relative paths, as in {@code ipc.fifo-directory}. */
    Path DEFAULT_DIRECTORY = Path.of("/tmp");

    /** A builder for the FIFO at {@code path}; a relative path lives in the builder's directory. */
    static Builder builder(String path) {
        return new Builder(path);
    }

    /** The FIFO's absolute path. */
    Path path();

    /** Writes one framed message, waiting up to the send timeout for a reader and for room. */
    @Override
    void send(byte[] payload) throws InterruptedException;

    /** Options for a FIFO; the setters mirror the {@code ipc.fifos.*} keys. */
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String path;

        private Path directory = DEFAULT_DIRECTORY;

        private Framing framing = Framing.LINES;

        private int maxFrameSize = 64 * 1024;

        private Duration sendTimeout = Duration.ofSeconds(10);

        private Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Directory for a relative path; default {@code /tmp}. A relative path may not leave it. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** How messages are framed; default {@link Framing#LINES}. */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /** Largest frame payload in bytes, sent or received; default 64 KiB. */
        public Builder maxFrameSize(int maxFrameSize) {
            if (maxFrameSize < 1 || maxFrameSize > NamedFifo.MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("maxFrameSize must be between 1 and " + NamedFifo.MAX_FRAME_SIZE
                        + ": " + maxFrameSize);
            }
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /** How long a send waits for a reader to appear and for room in the pipe; default 10 s. */
        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
            return this;
        }

        public IpcFifo open() {
            return NamedFifo.open(this.directory, this.path, this.mode, this.create, this.framing, this.maxFrameSize,
                    this.sendTimeout, this.trust);
        }
    }
}
