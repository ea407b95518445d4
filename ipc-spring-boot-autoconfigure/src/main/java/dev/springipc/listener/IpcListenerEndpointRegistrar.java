package dev.springipc.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * What an {@link IpcListenerConfigurer} may set for every {@code @IpcListener} method.
 */
public final class IpcListenerEndpointRegistrar {

    private @Nullable MessageHandlerMethodFactory messageHandlerMethodFactory;

    private String containerFactoryBeanName = IpcListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME;

    /**
     * The factory that turns listener methods into invocable handlers (argument resolution,
     * conversion, validation), instead of the container factory's own. Build it from a
     * {@code DefaultMessageHandlerMethodFactory} with the converter of the template
     * ({@code IpcTemplate.getMessageConverter()}) to keep the payload conversion.
     */
    public void setMessageHandlerMethodFactory(@Nullable MessageHandlerMethodFactory messageHandlerMethodFactory) {
        this.messageHandlerMethodFactory = messageHandlerMethodFactory;
    }

    public @Nullable MessageHandlerMethodFactory getMessageHandlerMethodFactory() {
        return this.messageHandlerMethodFactory;
    }

    /** Bean name of the container factory of listeners that name none; default {@code ipcListenerContainerFactory}. */
    public void setContainerFactoryBeanName(String containerFactoryBeanName) {
        this.containerFactoryBeanName = containerFactoryBeanName;
    }

    public String getContainerFactoryBeanName() {
        return this.containerFactoryBeanName;
    }
}
