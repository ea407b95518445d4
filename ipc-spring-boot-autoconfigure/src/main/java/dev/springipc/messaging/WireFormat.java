package dev.springipc.messaging;

/**
 * How a message travels through a queue or FIFO.
 */
public enum WireFormat {

    /**
     * The payload bytes, nothing else: a native peer sees exactly what was sent. Headers other
     * than the queue's own priority or type are not carried.
     */
    RAW,

    /**
     * An {@link dev.springipc.core.IpcEnvelope}: content type, correlation id, reply-to, trace
     * context and user headers before the payload. Needed for request-reply.
     */
    ENVELOPE
}
