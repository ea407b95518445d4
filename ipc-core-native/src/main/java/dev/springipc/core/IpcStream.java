package dev.springipc.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A byte stream cut into messages by a {@link Framing}: what a FIFO and a child-process pipe
 * share, so that messaging can treat both alike.
 */
public interface IpcStream extends IpcResource {

    /** How messages are cut out of the stream and written to it. */
    Framing framing();

    /** Writes one framed message. */
    void send(byte[] payload) throws InterruptedException;

    /** Reads the next framed message, waiting at most {@code timeout}; empty if none came. */
    Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;
}
