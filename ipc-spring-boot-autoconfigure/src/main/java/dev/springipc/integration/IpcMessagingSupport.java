package dev.springipc.integration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Where the adapters find what they need when the application did not hand it over: the
 * {@link IpcTemplate} bean (its destination resolver, wire codec and converter), or for the
 * outbound adapter, which only sends, any {@link IpcOperations} bean.
 */
final class IpcMessagingSupport {

    private IpcMessagingSupport() {
    }

    /** The given template, else the context's one; fails naming the component and the fix. */
    static IpcTemplate template(@Nullable IpcTemplate given, @Nullable BeanFactory beanFactory, String component) {
        if (given != null) {
            return given;
        }
        if (beanFactory == null) {
            throw new IllegalStateException(component + " has no IpcTemplate: pass one, or run it in an application "
                    + "context with the IPC auto-configuration (ipc-spring-boot-starter)");
        }
        try {
            return beanFactory.getBean(IpcTemplate.class);
        }
        catch (NoSuchBeanDefinitionException ex) {
            throw new IllegalStateException(component + " needs an IpcTemplate bean: add ipc-spring-boot-starter "
                    + "(IpcMessagingAutoConfiguration) or define one", ex);
        }
    }

    /** The given operations, else the context's {@link IpcOperations} bean; fails naming the component and the fix. */
    static IpcOperations operations(@Nullable IpcOperations given, @Nullable BeanFactory beanFactory,
            String component) {
        if (given != null) {
            return given;
        }
        if (beanFactory == null) {
            throw new IllegalStateException(component + " has no IpcOperations: pass one, or run it in an "
                    + "application context with the IPC auto-configuration (ipc-spring-boot-starter)");
        }
        try {
            return beanFactory.getBean(IpcOperations.class);
        }
        catch (NoSuchBeanDefinitionException ex) {
            throw new IllegalStateException(component + " needs an IpcOperations bean (an IpcTemplate): add "
                    + "ipc-spring-boot-starter (IpcMessagingAutoConfiguration) or define one", ex);
        }
    }

    /**
     * {@code message} with its payload converted to {@code payloadType} by the template's converter,
     * headers kept; as received when no type (or {@code byte[]}) is asked for.
     * @throws MessageConversionException naming {@code component} when the converter gives nothing
     */
    static Message<?> withPayloadType(Message<byte[]> message, @Nullable Class<?> payloadType, IpcTemplate template,
            MessageBuilderFactory builders, String component) {
        if (payloadType == null || payloadType == byte[].class) {
            return message;
        }
        Object payload = template.getMessageConverter().fromMessage(message, payloadType);
        if (payload == null) {
            throw new MessageConversionException(message, component + " cannot convert the payload to "
                    + payloadType.getName());
        }
        return builders.withPayload(payload).copyHeaders(message.getHeaders()).build();
    }

    /** The destination given, else the one resolved from {@code key}. */
    static IpcDestination destination(@Nullable IpcDestination given, @Nullable String key, IpcTemplate template) {
        if (given != null) {
            return given;
        }
        if (key == null) {
            throw new IllegalStateException("Neither a key nor a destination was given");
        }
        return template.getDestinationResolver().resolve(key);
    }
}
