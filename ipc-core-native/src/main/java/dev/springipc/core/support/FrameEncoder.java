package dev.springipc.core.support;

import java.nio.ByteBuffer;

import dev.springipc.core.Framing;

/**
 * Writes one framed payload into a buffer, so that the whole frame goes out in one
 * {@code write} call (atomic up to PIPE_BUF).
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** Bytes a frame adds around its payload. */
    public static int overhead(Framing framing) {
        return switch (framing) {
            case LINES -> 1;
            case LENGTH_PREFIXED -> 4;
            case RAW -> 0;
        };
    }

    /**
     * Encodes {@code payload} at the start of {@code target}; returns the frame's length.
     * @throws IllegalArgumentException for a line payload containing a newline, which would
     * arrive as two messages
     */
    public static int encode(Framing framing, byte[] payload, ByteBuffer target, String resource) {
        switch (framing) {
            case LINES -> {
                for (byte b : payload) {
                    if (b == '\n') {
                        throw new IllegalArgumentException(resource + ": a payload for line framing must not contain "
                                + "a newline; use length-prefixed framing for binary or multi-line payloads");
                    }
                }
                target.put(0, payload);
                target.put(payload.length, (byte) '\n');
                return payload.length + 1;
            }
            case LENGTH_PREFIXED -> {
                // Big-endian, as network protocols and most native peers expect.
                target.put(0, (byte) (payload.length >>> 24));
                target.put(1, (byte) (payload.length >>> 16));
                target.put(2, (byte) (payload.length >>> 8));
                target.put(3, (byte) payload.length);
                target.put(4, payload);
                return payload.length + 4;
            }
            case RAW -> {
                target.put(0, payload);
                return payload.length;
            }
            default -> throw new IllegalStateException("Unknown framing " + framing);
        }
    }
}
