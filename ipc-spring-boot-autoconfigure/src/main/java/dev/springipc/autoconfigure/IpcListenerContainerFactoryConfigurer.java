package dev.springipc.autoconfigure;

import dev.springipc.listener.IpcListenerContainerFactory;
import dev.springipc.listener.IpcListenerErrorHandler;
import dev.springipc.listener.IpcMessageRecoverer;
import dev.springipc.messaging.IpcDestinationResolver;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcWireCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.validation.Validator;

/**
 * Applies what the auto-configured {@code ipcListenerContainerFactory} gets to any
 * {@link IpcListenerContainerFactory}: {@code ipc.listener.*} (concurrency, timeouts, retry), the
 * destination resolver, wire codec, {@link IpcOperations} for replies, the message converter,
 * the validator, the {@link IpcMessageRecoverer} and the default error handler. A second factory
 * needs no copy of the auto-configuration, as with Spring Boot's
 * {@code SimpleRabbitListenerContainerFactoryConfigurer}:
 * <pre>{@code
 * @Bean
 * IpcListenerContainerFactory bulkFactory(IpcListenerContainerFactoryConfigurer configurer) {
 *     IpcListenerContainerFactory factory = new IpcListenerContainerFactory();
 *     configurer.configure(factory);
 *     factory.setConcurrency(4);
 *     return factory;
 * }
 * }</pre>
 */
public final class IpcListenerContainerFactoryConfigurer {

    private final IpcProperties.Listener properties;

    private final IpcDestinationResolver destinationResolver;

    private final IpcWireCodec wireCodec;

    private final IpcOperations operations;

    private final MessageConverter messageConverter;

    private final @Nullable Validator validator;

    private final IpcMessageRecoverer recoverer;

    private final @Nullable IpcListenerErrorHandler errorHandler;

    private final BeanFactory beanFactory;

    IpcListenerContainerFactoryConfigurer(IpcProperties.Listener properties,
            IpcDestinationResolver destinationResolver, IpcWireCodec wireCodec, IpcOperations operations,
            MessageConverter messageConverter, @Nullable Validator validator, IpcMessageRecoverer recoverer,
            @Nullable IpcListenerErrorHandler errorHandler, BeanFactory beanFactory) {
        this.properties = properties;
        this.destinationResolver = destinationResolver;
        this.wireCodec = wireCodec;
        this.operations = operations;
        this.messageConverter = messageConverter;
        this.validator = validator;
        this.recoverer = recoverer;
        this.errorHandler = errorHandler;
        this.beanFactory = beanFactory;
    }

    /** Configures {@code factory} as the auto-configured one is; set what differs afterwards. */
    public void configure(IpcListenerContainerFactory factory) {
        factory.setDestinationResolver(this.destinationResolver);
        factory.setWireCodec(this.wireCodec);
        factory.setOperations(this.operations);
        factory.setMessageConverter(this.messageConverter);
        factory.setValidator(this.validator);
        factory.setBeanFactory(this.beanFactory);
        factory.setRecoverer(this.recoverer);
        factory.setErrorHandler(this.errorHandler);
        factory.setConcurrency(this.properties.getConcurrency());
        factory.setReceiveTimeout(this.properties.getReceiveTimeout());
        factory.setShutdownTimeout(this.properties.getShutdownTimeout());
        IpcProperties.Retry retry = this.properties.getRetry();
        factory.setMaxAttempts(retry.getMaxAttempts());
        factory.setBackOff(retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval());
    }
}
