package dev.springipc.core;

import java.time.Duration;
import java.util.Optional;

/**
 * What every message-carrying resource shares, whether it keeps whole messages (a
 * {@link IpcMessageQueue}) or cuts a byte stream into them (a {@link IpcStream}: FIFOs and
 * pipes): send one message, receive the next. Code that only moves messages (the messaging
 * layer) needs no more than this.
 */
public interface IpcChannel extends IpcResource {

    /** Sends one message, waiting while there is no room. */
    void send(byte[] payload) throws InterruptedException;

    /**
     * Sends one message with the delivery hints its kind understands: {@code priority} on a POSIX
     * queue, {@code type} on a System V queue (0 = its default type); other kinds ignore both.
     */
    default void send(byte[] payload, int priority, long type) throws InterruptedException {
        send(payload);
    }

    /** Receives the next message, waiting at most {@code timeout}; empty if none came. */
    Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;
}
