package dev.springipc.core;

import java.nio.charset.StandardCharsets;

/**
 * One received message: its payload bytes exactly as the sender wrote them, plus the
 * queue-specific tag: a POSIX priority or a System V type.
 * <p>
 * A message without a tag is a 16-byte object, a tagged one 24 bytes (with compressed class
 * pointers and references, HotSpot's default below 32 GB of heap): the private subclasses hold
 * only what their kind has, since a plain {@code receive} allocates one message per call and its
 * size is a share of what a busy consumer allocates (at 64 B, the array is 80 bytes).
 */
public abstract sealed class IpcMessage {

    private final byte[] payload;

    private IpcMessage(byte[] payload) {
        this.payload = payload;
    }

    /** A message without priority or type (FIFOs, pipes). */
    public static IpcMessage of(byte[] payload) {
        return new Untagged(payload);
    }

    /** A POSIX message queue (or shm ring) message. */
    public static IpcMessage withPriority(byte[] payload, int priority) {
        return (priority == 0) ? new Untagged(payload) : new Prioritized(payload, priority);
    }

    /** A System V message queue message. */
    public static IpcMessage withType(byte[] payload, long type) {
        return (type == 0) ? new Untagged(payload) : new Typed(payload, type);
    }

    /** The payload; the array is this message's own, not a copy. */
    public final byte[] payload() {
        return this.payload;
    }

    /** The payload decoded as UTF-8. */
    public final String payloadAsString() {
        return new String(this.payload, StandardCharsets.UTF_8);
    }

    /** POSIX priority (0 = lowest); 0 for other kinds. */
    public int priority() {
        return 0;
    }

    /** System V message type (positive); 0 for other kinds. */
    public long type() {
        return 0;
    }

    @Override
    public final String toString() {
        return "IpcMessage[" + this.payload.length + " bytes, priority=" + priority() + ", type=" + type() + "]";
    }

    private static final class Untagged extends IpcMessage {

        Untagged(byte[] payload) {
            super(payload);
        }
    }

    private static final class Prioritized extends IpcMessage {

        private final int priority;

        Prioritized(byte[] payload, int priority) {
            super(payload);
            this.priority = priority;
        }

        @Override
        public int priority() {
            return this.priority;
        }
    }

    private static final class Typed extends IpcMessage {

        private final long type;

        Typed(byte[] payload, long type) {
            super(payload);
            this.type = type;
        }

        @Override
        public long type() {
            return this.type;
        }
    }
}
