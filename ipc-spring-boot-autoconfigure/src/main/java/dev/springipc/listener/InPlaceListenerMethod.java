package dev.springipc.listener;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcMessageConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.ReflectionUtils;

/**
 * A listener method that needs nothing but its payload, invoked directly: {@code void on(String)}
 * or {@code void on(byte[])}, without annotations, with the default converter chain and argument
 * resolution; on a shm queue straight from the ring's memory, elsewhere from the received bytes. For such a method the full
 * path (a {@code Message} with its header maps, argument resolution, reflection) computes nothing
 * the method sees: the payload is the envelope's payload bytes, as text in UTF-8 (the charset of
 * the content types {@link #takesContentType} accepts). Everything else about the message
 * (counting, retry, error handler, dead letter) stays the container's.
 */
final class InPlaceListenerMethod {

    /** The content types whose payload a String parameter reads as UTF-8, as the converter chain does. */
    private static final byte[][] UTF8_CONTENT_TYPES = { utf8("text/plain;charset=UTF-8"),
            utf8("application/octet-stream"), utf8("application/json") };

    private final MethodHandle invoker;

    private final boolean text;

    private InPlaceListenerMethod(MethodHandle invoker, boolean text) {
        this.invoker = invoker;
        this.text = text;
    }

    /**
     * The in-place form of {@code endpoint}'s method, or null when the full path may see more than
     * the payload: another signature or a parameter annotation (headers, validation), a return
     * value (a reply needs the request's headers), another converter or handler method factory,
     * or custom argument resolvers.
     */
    static @Nullable InPlaceListenerMethod of(IpcListenerEndpoint endpoint, IpcDestination destination,
            @Nullable MessageConverter converter, boolean defaultArgumentResolution) {
        Method method = endpoint.method();
        if (!defaultArgumentResolution || converter == null
                || converter.getClass() != IpcMessageConverter.class || method.getReturnType() != void.class
                || method.getParameterCount() != 1 || method.getParameterAnnotations()[0].length != 0) {
            return null;
        }
        Class<?> type = method.getParameterTypes()[0];
        if (type != String.class && type != byte[].class) {
            return null;
        }
        try {
            ReflectionUtils.makeAccessible(method);
            MethodHandle handle = MethodHandles.lookup()
                .unreflect(method)
                .bindTo(endpoint.bean())
                .asType(MethodType.methodType(void.class, Object.class));
            return new InPlaceListenerMethod(handle, type == String.class);
        }
        catch (IllegalAccessException | RuntimeException ex) {
            return null; // not accessible from here (a module boundary): the full path invokes it
        }
    }

    /**
     * Whether the full path would read this content type as this method reads it: none, or one
     * of the default chain's own (a charset other than UTF-8, or a type to parse, takes the full path).
     */
    static boolean takesContentType(dev.springipc.core.IpcEnvelopeView envelope) {
        if (!envelope.hasContentType()) {
            return true;
        }
        for (byte[] type : UTF8_CONTENT_TYPES) {
            if (envelope.contentTypeIs(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The argument: the payload bytes, or their text. A heap buffer's array is used as it is (the
     * whole array, as the full path passes a raw payload, or its text); shared memory is copied,
     * through {@code scratch} (this consumer's, at least {@code length} long) for text.
     */
    Object argument(ByteBuffer buffer, int offset, int length, byte @Nullable [] scratch) {
        if (buffer.hasArray()) {
            byte[] array = buffer.array();
            int at = buffer.arrayOffset() + offset;
            if (this.text) {
                return new String(array, at, length, StandardCharsets.UTF_8);
            }
            return (at == 0 && length == array.length) ? array : java.util.Arrays.copyOfRange(array, at, at + length);
        }
        if (!this.text || scratch == null) {
            byte[] payload = new byte[length];
            buffer.get(offset, payload, 0, length);
            return this.text ? new String(payload, StandardCharsets.UTF_8) : payload;
        }
        buffer.get(offset, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }

    void invoke(Object argument) throws Exception {
        try {
            this.invoker.invokeExact(argument);
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex); // no other Throwable exists in practice
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
