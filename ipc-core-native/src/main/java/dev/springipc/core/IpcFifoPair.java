package dev.springipc.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Two-way talk over two FIFOs: this side sends on one and receives on the other; the peer
 * opens the same pair with the paths swapped ({@link Builder#reversed()}). A FIFO carries bytes
 * one way only, hence the pair.
 */
public final class IpcFifoPair implements AutoCloseable {

    private final IpcFifo outbound;

    private final IpcFifo inbound;

    private IpcFifoPair(IpcFifo outbound, IpcFifo inbound) {
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /** A builder for the pair that sends on {@code sendPath} and receives on {@code receivePath}. */
    public static Builder builder(String sendPath, String receivePath) {
        return new Builder(sendPath, receivePath);
    }

    /** The FIFO this side writes. */
    public IpcFifo outbound() {
        return this.outbound;
    }

    /** The FIFO this side reads. */
    public IpcFifo inbound() {
        return this.inbound;
    }

    public void send(byte[] payload) throws InterruptedException {
        this.outbound.send(payload);
    }

    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return this.inbound.receive(timeout);
    }

    /** Removes both FIFOs. */
    public void unlink() {
        this.outbound.unlink();
        this.inbound.unlink();
    }

    @Override
    public void close() {
        try {
            this.outbound.close();
        }
        finally {
            this.inbound.close();
        }
    }

    /** Options for both FIFOs of a pair. */
    public static final class Builder extends IpcBuilderSupport<Builder> {

        private final String sendPath;

        private final String receivePath;

        private Path directory = IpcFifo.DEFAULT_DIRECTORY;

        private Framing framing = Framing.LINES;

        private int maxFrameSize = 64 * 1024;

        private Duration sendTimeout = Duration.ofSeconds(10);

        private Builder(String sendPath, String receivePath) {
            this.sendPath = Objects.requireNonNull(sendPath, "sendPath");
            this.receivePath = Objects.requireNonNull(receivePath, "receivePath");
        }

        /** The same options with the two paths swapped: what the peer opens. */
        public Builder reversed() {
            return new Builder(this.receivePath, this.sendPath).directory(this.directory).mode(this.mode)
                    .create(this.create).trust(this.trust).framing(this.framing).maxFrameSize(this.maxFrameSize)
                    .sendTimeout(this.sendTimeout);
        }

        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
            return this;
        }

        public IpcFifoPair open() {
            IpcFifo outbound = fifo(this.sendPath).open();
            try {
                return new IpcFifoPair(outbound, fifo(this.receivePath).open());
            }
            catch (RuntimeException ex) {
                outbound.close();
                if (outbound.isOwned()) {
                    outbound.unlink();
                }
                throw ex;
            }
        }

        private IpcFifo.Builder fifo(String path) {
            return IpcFifo.builder(path).directory(this.directory).mode(this.mode).create(this.create)
                    .trust(this.trust).framing(this.framing).maxFrameSize(this.maxFrameSize).sendTimeout(this.sendTimeout);
        }
    }
}
