package dev.springipc.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads and writes the sequence number at the start of a message, little-endian everywhere. */
final class Seq {

    private static final VarHandle ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final VarHandle BUFFER = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Seq() {
    }

    static void put(byte[] message, long seq) {
        ARRAY.set(message, 0, seq);
    }

    static long get(byte[] message) {
        return (long) ARRAY.get(message, 0);
    }

    static long get(ByteBuffer buffer, int offset) {
        return (long) BUFFER.get(buffer, offset);
    }

    /**
     * {@code seq}, checked to follow {@code last} (or to be {@link RingDuel#END}): the check a
     * handler makes on each message of a batch, so that a batch form checks every message as the
     * one-message forms do, whose callers check each poll's one message.
     */
    static long following(long last, long seq) {
        if (seq != last + 1 && seq != RingDuel.END) {
            throw new IllegalStateException("message " + seq + " arrived after " + last);
        }
        return seq;
    }
}
