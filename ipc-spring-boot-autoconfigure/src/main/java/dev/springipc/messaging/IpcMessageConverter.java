package dev.springipc.messaging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;

/**
 * The converter chain of {@link IpcTemplate} and {@code @IpcListener} methods. Outbound, the
 * first converter that takes the payload wins (by default: {@code byte[]} as is, a
 * {@code String} as UTF-8 text, anything else as JSON). Inbound, {@code byte[]} and
 * {@code String} targets always get the payload bytes (as text in the content type's charset,
 * UTF-8 by default), whatever the content type; other targets go through the chain and a
 * payload no converter can read fails with a {@link MessageConversionException}.
 * <p>
 * JSON needs Jackson 3 ({@code tools.jackson.core:jackson-databind}, its {@code JsonMapper}).
 * Without a JSON converter in the chain, a payload or content type that needs JSON fails with a
 * {@link MessageConversionException} that says so.
 */
public class IpcMessageConverter implements SmartMessageConverter {

    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            IpcMessageConverter.class.getClassLoader());

    private static final String JACKSON_HINT = "JSON needs Jackson 3 on the classpath "
            + "(tools.jackson.core:jackson-databind, a tools.jackson.databind.json.JsonMapper); add it, "
            + "send byte[] or String payloads, or define a MessageConverter bean";

    private final CompositeMessageConverter delegate;

    private final boolean json;

    public IpcMessageConverter(List<MessageConverter> converters) {
        this.delegate = new CompositeMessageConverter(converters);
        this.json = converters.stream().anyMatch(IpcMessageConverter::readsJson);
    }

    /** {@code byte[]}, String, and JSON with a default Jackson 3 mapper when Jackson is present. */
    public static IpcMessageConverter withDefaults() {
        return new IpcMessageConverter(defaultConverters(JACKSON_PRESENT ? new JacksonJsonMessageConverter() : null));
    }

    /** {@code byte[]} and String converters, then {@code json} if given (none: no JSON). */
    public static List<MessageConverter> defaultConverters(@Nullable MessageConverter json) {
        List<MessageConverter> converters = new ArrayList<>();
        converters.add(new ByteArrayMessageConverter());
        converters.add(new StringMessageConverter());
        if (json != null) {
            converters.add(json);
        }
        return converters;
    }

    /** Whether a converter of the chain reads and writes JSON. */
    public boolean supportsJson() {
        return this.json;
    }

    private static boolean readsJson(MessageConverter converter) {
        return converter instanceof AbstractMessageConverter typed
                && typed.getSupportedMimeTypes().stream().anyMatch(IpcMessageConverter::isJson);
    }

    private static boolean isJson(@Nullable MimeType type) {
        return type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    /** The converters, in order. */
    public List<MessageConverter> getConverters() {
        return this.delegate.getConverters();
    }

    @Override
    public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
        return fromMessage(message, targetClass, null);
    }

    @Override
    public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            if (targetClass == byte[].class) {
                return bytes;
            }
            if (targetClass == String.class) {
                return new String(bytes, charset(message.getHeaders()));
            }
        }
        if (targetClass.isInstance(payload) && !(payload instanceof byte[])) {
            return payload;
        }
        Object converted = this.delegate.fromMessage(message, targetClass, conversionHint);
        if (converted == null) {
            throw new MessageConversionException(message, "No converter reads " + targetClass.getName()
                    + " from content type " + message.getHeaders().get(MessageHeaders.CONTENT_TYPE)
                    + (this.json ? "; converters: " + getConverters() : "; " + JACKSON_HINT));
        }
        return converted;
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
        return toMessage(payload, headers, null);
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
            @Nullable Object conversionHint) {
        Message<?> converted = this.delegate.toMessage(payload, headers, conversionHint);
        if (converted == null && !this.json && (isJson(contentType(headers))
                || !(payload instanceof byte[] || payload instanceof CharSequence))) {
            throw new MessageConversionException("Cannot write a " + payload.getClass().getName()
                    + ((contentType(headers) != null) ? " as " + contentType(headers) : "") + ": " + JACKSON_HINT);
        }
        return converted;
    }

    private static @Nullable MimeType contentType(@Nullable MessageHeaders headers) {
        Object contentType = (headers != null) ? headers.get(MessageHeaders.CONTENT_TYPE) : null;
        return (contentType instanceof MimeType type) ? type
                : (contentType instanceof String text) ? MimeType.valueOf(text) : null;
    }

    private static Charset charset(MessageHeaders headers) {
        MimeType mimeType = contentType(headers);
        return (mimeType != null && mimeType.getCharset() != null) ? mimeType.getCharset() : StandardCharsets.UTF_8;
    }
}
