package dev.springipc.core;

import java.nio.ByteBuffer;

/**
 * Receives messages in place, without copying or allocating: the payload is
 * {@code buffer[offset, offset + length)}, valid only during the call.
 */
@FunctionalInterface
public interface IpcMessageHandler {

    /**
     * @param buffer a view of shared memory; do not keep it or its contents beyond the call
     * @param offset where the payload starts in {@code buffer}
     * @param length payload length in bytes
     * @param tag the tag the sender gave (the {@code priority} argument of send)
     */
    void onMessage(ByteBuffer buffer, int offset, int length, int tag);
}
