package dev.springipc.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.springipc.core.IpcEnvelope;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.HeaderMapper;
import org.springframework.util.MimeType;

/**
 * Maps {@link MessageHeaders} to envelope headers and back. The envelope's well-known names
 * ({@code content-type}, {@code correlation-id}, {@code reply-to}, {@code traceparent},
 * {@code tracestate}) map onto {@link MessageHeaders#CONTENT_TYPE} and {@link IpcHeaders};
 * other headers travel under their own names when their value is a string, number, boolean,
 * UUID or MIME type, and arrive as strings. Spring's {@code id}, {@code timestamp},
 * {@code replyChannel} and {@code errorChannel} and the per-process {@code ipc_*} headers stay behind.
 * <p>
 * A spring-messaging {@link HeaderMapper} over the envelope's header map; {@link #toEnvelope} and
 * {@link #fromEnvelope} are the same mapping returning new maps.
 */
public class IpcHeaderMapper implements HeaderMapper<Map<String, String>> {

    private static final Set<String> LOCAL = Set.of(MessageHeaders.ID, MessageHeaders.TIMESTAMP,
            MessageHeaders.REPLY_CHANNEL, MessageHeaders.ERROR_CHANNEL, IpcHeaders.PRIORITY, IpcHeaders.TYPE, IpcHeaders.RECEIVED_FROM, IpcHeaders.RAW_MESSAGE);

    private static final Map<String, String> TO_ENVELOPE = Map.of(MessageHeaders.CONTENT_TYPE,
            IpcEnvelope.CONTENT_TYPE, IpcHeaders.CORRELATION_ID, IpcEnvelope.CORRELATION_ID, IpcHeaders.REPLY_TO,
            IpcEnvelope.REPLY_TO, IpcHeaders.TRACEPARENT, IpcEnvelope.TRACEPARENT, IpcHeaders.TRACESTATE,
            IpcEnvelope.TRACESTATE);

    private static final Map<String, String> FROM_ENVELOPE = Map.of(IpcEnvelope.CONTENT_TYPE,
            MessageHeaders.CONTENT_TYPE, IpcEnvelope.CORRELATION_ID, IpcHeaders.CORRELATION_ID, IpcEnvelope.REPLY_TO,
            IpcHeaders.REPLY_TO, IpcEnvelope.TRACEPARENT, IpcHeaders.TRACEPARENT, IpcEnvelope.TRACESTATE,
            IpcHeaders.TRACESTATE);

    /** The envelope headers for outgoing {@code headers}. */
    public Map<String, String> toEnvelope(MessageHeaders headers) {
        Map<String, String> envelope = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!LOCAL.contains(name) && value != null && isCarried(value)) {
                envelope.put(TO_ENVELOPE.getOrDefault(name, name), value.toString());
            }
        });
        return envelope;
    }

    /** The message headers for incoming envelope headers. */
    public Map<String, Object> fromEnvelope(Map<String, String> envelope) {
        Map<String, Object> headers = new LinkedHashMap<>();
        envelope.forEach((name, value) -> {
            String mapped = FROM_ENVELOPE.getOrDefault(name, name);
            if (!LOCAL.contains(mapped)) {
                headers.put(mapped, mapped.equals(MessageHeaders.CONTENT_TYPE) ? MimeType.valueOf(value) : value);
            }
        });
        return headers;
    }

    /** Adds the envelope headers for {@code headers} to {@code envelope}. */
    @Override
    public void fromHeaders(MessageHeaders headers, Map<String, String> envelope) {
        envelope.putAll(toEnvelope(headers));
    }

    /** The message headers for incoming envelope headers (with a new id and timestamp). */
    @Override
    public MessageHeaders toHeaders(Map<String, String> envelope) {
        return new MessageHeaders(fromEnvelope(envelope));
    }

    /** Whether a header value can travel in an envelope as a string. */
    protected boolean isCarried(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof UUID || value instanceof MimeType || value instanceof Enum<?>;
    }
}
