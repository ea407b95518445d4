package dev.springipc.cloud.stream.binder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcWireCodec;
import dev.springipc.messaging.WireFormat;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/**
 * The starter's envelope codec plus the Java types of header values: envelope headers are
 * strings, but Spring Integration and Spring Cloud Stream read some headers as numbers
 * ({@code sequenceNumber}, {@code deliveryAttempt}, a user's {@code Integer}). A header
 * {@value #TYPES} lists {@code name=type} for every header that is not a string, and decoding
 * restores those types; a peer without it (an {@code IpcTemplate}, a native program) still reads
 * every header as a string.
 */
public final class BinderWireCodec {

    /** The header that lists the types of the non-string headers. */
    public static final String TYPES = "scst_ipcHeaderTypes";

    private final IpcWireCodec codec;

    public BinderWireCodec(IpcWireCodec codec) {
        this.codec = codec;
    }

    byte[] encode(Message<byte[]> message) {
        StringBuilder types = new StringBuilder();
        message.getHeaders().forEach((name, value) -> {
            String type = typeOf(value);
            if (type != null && !name.equals(MessageHeaders.CONTENT_TYPE) && name.indexOf(';') < 0
                    && name.indexOf('=') < 0) {
                types.append(types.isEmpty() ? "" : ";").append(name).append('=').append(type);
            }
        });
        Message<byte[]> typed = types.isEmpty() ? message
                : MessageBuilder.fromMessage(message).setHeader(TYPES, types.toString()).build();
        return this.codec.encode(typed, WireFormat.ENVELOPE);
    }

    Message<byte[]> decode(IpcMessage received, IpcDestination source) {
        Message<byte[]> message = this.codec.decode(received, source);
        Object types = message.getHeaders().get(TYPES);
        if (!(types instanceof String list)) {
            return message;
        }
        Map<String, Object> restored = new LinkedHashMap<>();
        for (String pair : list.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && message.getHeaders().get(pair.substring(0, equals)) instanceof String value) {
                try {
                    restored.put(pair.substring(0, equals), parse(pair.substring(equals + 1), value));
                }
                catch (IllegalArgumentException ex) {
                    // A value that does not parse as its declared type stays a string.
                }
            }
        }
        return MessageBuilder.fromMessage(message).copyHeaders(restored).removeHeader(TYPES).build();
    }

    private static @org.jspecify.annotations.Nullable String typeOf(Object value) {
        if (value instanceof Integer) {
            return "int";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Float) {
            return "float";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof UUID) {
            return "uuid";
        }
        if (value instanceof MimeType) {
            return "mime";
        }
        return null;
    }

    private static Object parse(String type, String value) {
        return switch (type) {
            case "int" -> Integer.valueOf(value);
            case "long" -> Long.valueOf(value);
            case "boolean" -> Boolean.valueOf(value);
            case "double" -> Double.valueOf(value);
            case "float" -> Float.valueOf(value);
            case "short" -> Short.valueOf(value);
            case "byte" -> Byte.valueOf(value);
            case "uuid" -> UUID.fromString(value);
            case "mime" -> MimeType.valueOf(value);
            default -> value;
        };
    }
}
