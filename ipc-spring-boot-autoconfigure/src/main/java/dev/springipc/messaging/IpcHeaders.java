package dev.springipc.messaging;

/**
 * Names of the {@link org.springframework.messaging.MessageHeaders} this starter reads and
 * writes. The envelope's well-known headers map onto them; any other header whose value is a
 * string, number, boolean, UUID or MIME type travels as a user header (envelope format only).
 */
public final class IpcHeaders {

    /** Prefix of the headers below. */
    public static final String PREFIX = "ipc_";

    /** POSIX message priority (an int, 0 = lowest) to send with, or received with. */
    public static final String PRIORITY = PREFIX + "priority";

    /** System V message type (a positive number) to send with, or received with. */
    public static final String TYPE = PREFIX + "type";

    /** Correlates a reply with its request (envelope header {@code correlation-id}). */
    public static final String CORRELATION_ID = PREFIX + "correlationId";

    /**
     * Key of the queue or FIFO a reply goes to, or {@code shm:/<namespace>.reply.…} for a
     * requester's temporary reply queue (envelope header {@code reply-to}).
     */
    public static final String REPLY_TO = PREFIX + "replyTo";

    /** Key of the queue or FIFO a received message came from. */
    public static final String RECEIVED_FROM = PREFIX + "receivedFrom";

    /** The received {@link dev.springipc.core.IpcMessage}, exactly as the queue delivered it. */
    public static final String RAW_MESSAGE = PREFIX + "rawMessage";

    /** W3C trace context, carried as is (envelope header {@code traceparent}). */
    public static final String TRACEPARENT = "traceparent";

    /** W3C trace state, carried as is (envelope header {@code tracestate}). */
    public static final String TRACESTATE = "tracestate";

    private IpcHeaders() {
    }
}
