package dev.springipc.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A byte stream cut into messages by a {@link Framing}: what a FIFO and a child-process pipe
 * share; as an {@link IpcChannel} it carries messages as a queue does.
 */
public interface IpcStream extends IpcChannel {

    /** How messages are cut out of the stream and written to it. */
    Framing framing();

    /** Writes one framed message. */
    @Override
    void send(byte[] payload) throws InterruptedException;

    /** Reads the next framed message, waiting at most {@code timeout}; empty if none came. */
    @Override
    Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;
}
