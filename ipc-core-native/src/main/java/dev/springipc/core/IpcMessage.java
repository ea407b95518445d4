package dev.springipc.core;

import java.nio.charset.StandardCharsets;

/**
 * One received message: its payload bytes exactly as the sender wrote them, plus the
 * queue-specific tag: a POSIX priority or a System V type.
 */
public final class IpcMessage {

    private final byte[] payload;

    private final int priority;

    private final long type;

    private IpcMessage(byte[] payload, int priority, long type) {
        this.payload = payload;
        this.priority = priority;
        this.type = type;
    }

    /** A message without priority or type (FIFOs, pipes). */
    public static IpcMessage of(byte[] payload) {
        return new IpcMessage(payload, 0, 0);
    }

    /** A POSIX message queue message. */
    public static IpcMessage withPriority(byte[] payload, int priority) {
        return new IpcMessage(payload, priority, 0);
    }

    /** A System V message queue message. */
    public static IpcMessage withType(byte[] payload, long type) {
        return new IpcMessage(payload, 0, type);
    }

    /** The payload; the array is this message's own, not a copy. */
    public byte[] payload() {
        return this.payload;
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(this.payload, StandardCharsets.UTF_8);
    }

    /** POSIX priority (0 = lowest); 0 for other kinds. */
    public int priority() {
        return this.priority;
    }

    /** System V message type (positive); 0 for other kinds. */
    public long type() {
        return this.type;
    }

    @Override
    public String toString() {
        return "IpcMessage[" + this.payload.length + " bytes, priority=" + this.priority + ", type=" + this.type + "]";
    }
}
