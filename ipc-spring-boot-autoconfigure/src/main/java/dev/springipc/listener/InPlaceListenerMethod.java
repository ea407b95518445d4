package dev.springipc.listener;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.springipc.core.IpcEnvelopeView;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcDirectReplies;
import dev.springipc.messaging.IpcMessageConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.MimeType;
import org.springframework.util.ReflectionUtils;

/**
 * A listener method that needs nothing but its payload, invoked directly: {@code void on(String)},
 * {@code void on(byte[])} or {@code void on(SomeRecord)} (JSON), or the same returning a
 * {@code String} or {@code byte[]} reply, without annotations, with the default converter chain
 * and argument resolution; on a shm queue straight from the ring's memory,
 * elsewhere from the received bytes. For such a method the full path (a {@code Message} with its
 * header maps, argument resolution, reflection) computes nothing the method sees: the payload is
 * the envelope's payload bytes, as text in UTF-8 (the charset of the content types
 * {@link #takesContentType} accepts), or a record read from them by the same converter chain with
 * the same method parameter as conversion hint. Everything else about the message (counting,
 * retry, error handler, dead letter) stays the container's.
 */
final class InPlaceListenerMethod {

    /** The content types whose payload a String or byte[] parameter reads as UTF-8 or as is, as the converter chain does. */
    private static final byte[][] TEXT_CONTENT_TYPES = { utf8("text/plain;charset=UTF-8"),
            utf8("application/octet-stream"), utf8("application/json") };

    private static final byte[] JSON = utf8("application/json");

    /**
     * What the converter sees of a JSON message: its content type (the id and timestamp of these
     * shared headers mean nothing to a converter, and nothing else reads this message).
     */
    private static final MessageHeaders JSON_HEADERS = new MessageHeaders(
            Map.of(MessageHeaders.CONTENT_TYPE, MimeType.valueOf("application/json")));

    private static final MessageHeaders NO_CONTENT_TYPE = new MessageHeaders(Map.of());

    private enum Kind {
        TEXT, BYTES, JSON_RECORD
    }

    private final MethodHandle invoker;

    private final Kind kind;

    private final @Nullable IpcMessageConverter converter;

    private final @Nullable MethodParameter parameter;

    private final boolean replies;

    private InPlaceListenerMethod(MethodHandle invoker, Kind kind, @Nullable IpcMessageConverter converter,
            @Nullable MethodParameter parameter, boolean replies) {
        this.invoker = invoker;
        this.kind = kind;
        this.converter = converter;
        this.parameter = parameter;
        this.replies = replies;
    }

    /** Whether the method returns a reply ({@code String} or {@code byte[]}, null for none). */
    boolean replies() {
        return this.replies;
    }

    /**
     * The in-place form of {@code endpoint}'s method, or null when the full path may see more than
     * the payload: another signature (a generic record among them) or a parameter annotation
     * (headers, validation), a return value other than {@code String} or {@code byte[]}, or one
     * without {@code directReplies} (a reply through the full path needs the request's headers),
     * another converter or handler method factory, or custom argument resolvers.
     */
    static @Nullable InPlaceListenerMethod of(IpcListenerEndpoint endpoint, IpcDestination destination,
            @Nullable MessageConverter converter, boolean defaultArgumentResolution, boolean directReplies) {
        Method method = endpoint.method();
        Class<?> returns = method.getReturnType();
        boolean replies = returns != void.class;
        if (!defaultArgumentResolution || !(converter instanceof IpcMessageConverter chain)
                || converter.getClass() != IpcMessageConverter.class
                || (replies && !(directReplies && IpcDirectReplies.replies(returns)))
                || method.getParameterCount() != 1 || method.getParameterAnnotations()[0].length != 0) {
            return null;
        }
        Class<?> type = method.getParameterTypes()[0];
        Kind kind = (type == String.class) ? Kind.TEXT : (type == byte[].class) ? Kind.BYTES
                : (type.isRecord() && type.getTypeParameters().length == 0 && chain.supportsJson()) ? Kind.JSON_RECORD
                : null;
        if (kind == null) {
            return null;
        }
        try {
            ReflectionUtils.makeAccessible(method);
            MethodHandle handle = MethodHandles.lookup()
                .unreflect(method)
                .bindTo(endpoint.bean())
                .asType(MethodType.methodType(Object.class, Object.class)); // a void method returns null
            return (kind == Kind.JSON_RECORD)
                    ? new InPlaceListenerMethod(handle, kind, chain, new MethodParameter(method, 0), replies)
                    : new InPlaceListenerMethod(handle, kind, null, null, replies);
        }
        catch (IllegalAccessException | RuntimeException ex) {
            return null; // not accessible from here (a module boundary): the full path invokes it
        }
    }

    /**
     * Whether the full path would read this content type as this method reads it: for text and
     * bytes none or one of the default chain's own, for a record none or {@code application/json}
     * (another charset, or a type to parse, takes the full path).
     */
    boolean takesContentType(IpcEnvelopeView envelope) {
        if (!envelope.hasContentType()) {
            return true;
        }
        if (this.kind == Kind.JSON_RECORD) {
            return envelope.contentTypeIs(JSON);
        }
        for (byte[] type : TEXT_CONTENT_TYPES) {
            if (envelope.contentTypeIs(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@link #invoke} takes for the payload {@code buffer[offset, offset + length)}: its bytes
     * or their text, or for a record the bytes as a message to convert (conversion belongs to the
     * invocation, as argument resolution does on the full path, so a retry converts again). A heap
     * buffer's whole array is used as it is (as the full path passes a raw payload); shared memory
     * is copied, through {@code scratch} (this consumer's, at least {@code length} long) for text.
     * @param contentType whether the envelope named a content type (for a record: application/json)
     */
    Object argument(ByteBuffer buffer, int offset, int length, byte @Nullable [] scratch, boolean contentType) {
        if (this.kind == Kind.TEXT) {
            if (buffer.hasArray()) {
                return new String(buffer.array(), buffer.arrayOffset() + offset, length, StandardCharsets.UTF_8);
            }
            byte[] text = (scratch != null) ? scratch : new byte[length];
            buffer.get(offset, text, 0, length);
            return new String(text, 0, length, StandardCharsets.UTF_8);
        }
        byte[] payload;
        if (buffer.hasArray() && buffer.arrayOffset() + offset == 0 && length == buffer.array().length) {
            payload = buffer.array();
        }
        else if (buffer.hasArray()) {
            int at = buffer.arrayOffset() + offset;
            payload = Arrays.copyOfRange(buffer.array(), at, at + length);
        }
        else {
            payload = new byte[length];
            buffer.get(offset, payload, 0, length);
        }
        return (this.kind == Kind.BYTES) ? payload
                : new GenericMessage<>(payload, contentType ? JSON_HEADERS : NO_CONTENT_TYPE);
    }

    /**
     * Invokes the method with {@code argument} (from {@link #argument}), converting a record
     * first; returns what it returned (null for a void method).
     */
    @Nullable Object invoke(Object argument) throws Exception {
        Object value = argument;
        if (this.kind == Kind.JSON_RECORD) {
            value = convert((Message<?>) argument);
        }
        try {
            return (Object) this.invoker.invokeExact(value);
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex); // no other Throwable exists in practice
        }
    }

    private Object convert(Message<?> message) {
        IpcMessageConverter chain = this.converter;
        MethodParameter target = this.parameter;
        if (chain == null || target == null) {
            throw new IllegalStateException("No converter for a record parameter"); // unreachable
        }
        Object converted = chain.fromMessage(message, target.getParameterType(), target);
        if (converted == null) {
            throw new MessageConversionException(message, "Cannot convert the payload to " + target.getParameterType());
        }
        return converted;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
