package dev.springipc.core;

/**
 * How a byte stream (FIFO, pipe) is cut into messages.
 */
public enum Framing {

    /**
     * Each message is one line ending in {@code \n}; the newline is not part of the payload.
     * What {@code echo} writes and {@code cat} prints.
     */
    LINES,

    /**
     * Each message is a 4-byte big-endian unsigned length followed by that many bytes. A frame
     * announcing more than the maximum frame size is refused and skipped, never allocated.
     */
    LENGTH_PREFIXED,

    /** Whatever bytes one read returns form a message; no boundaries are kept. */
    RAW
}
