package dev.springipc.messaging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
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
 */
public class IpcMessageConverter implements SmartMessageConverter {

    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            IpcMessageConverter.class.getClassLoader());

    private final CompositeMessageConverter delegate;

    public IpcMessageConverter(List<MessageConverter> converters) {
        this.delegate = new CompositeMessageConverter(converters);
    }

    /** {@code byte[]}, String, and JSON with a default Jackson 3 mapper when Jackson is present. */
    public static IpcMessageConverter withDefaults() {
        return new IpcMessageConverter(defaultConverters(null));
    }

    /**
     * {@code byte[]} and String converters, then {@code json} if given, else a default Jackson 3
     * JSON converter when Jackson is on the classpath.
     */
    public static List<MessageConverter> defaultConverters(@Nullable MessageConverter json) {
        List<MessageConverter> converters = new ArrayList<>();
        converters.add(new ByteArrayMessageConverter());
        converters.add(new StringMessageConverter());
        if (json != null) {
            converters.add(json);
        }
        else if (JACKSON_PRESENT) {
            converters.add(new JacksonJsonMessageConverter());
        }
        return converters;
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
                    + "; converters: " + getConverters());
        }
        return converted;
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
        return this.delegate.toMessage(payload, headers);
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
            @Nullable Object conversionHint) {
        return this.delegate.toMessage(payload, headers, conversionHint);
    }

    private static Charset charset(MessageHeaders headers) {
        Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
        MimeType mimeType = (contentType instanceof MimeType type) ? type
                : (contentType instanceof String text) ? MimeType.valueOf(text) : null;
        return (mimeType != null && mimeType.getCharset() != null) ? mimeType.getCharset() : StandardCharsets.UTF_8;
    }
}
