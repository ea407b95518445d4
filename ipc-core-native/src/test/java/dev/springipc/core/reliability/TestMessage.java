package dev.springipc.core.reliability;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.RingMessages;

/**
 * One message of the crash and load tests as the receiver sees it: who sent it, its place in
 * that sender's sequence, and whether its CRC32 still matches ({@link RingMessages} writes all three).
 */
record TestMessage(int producer, int seq, boolean intact) {

    /** The producer id of the message a test sends itself to see that the queue works again. */
    static final int PROBE = -1;

    static TestMessage of(IpcMessage message) {
        byte[] payload = message.payload();
        return of(ByteBuffer.wrap(payload), 0, payload.length);
    }

    static TestMessage of(ByteBuffer buffer, int offset, int length) {
        if (length < 12) {
            return new TestMessage(0, 0, false);
        }
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        return new TestMessage(view.getInt(offset), view.getInt(offset + 4), RingMessages.intact(view, offset, length));
    }

    static byte[] payload(int producer, int seq) {
        byte[] payload = new byte[QueueKind.MAX_MESSAGE_SIZE];
        RingMessages.fill(payload, producer, seq);
        return payload;
    }
}
