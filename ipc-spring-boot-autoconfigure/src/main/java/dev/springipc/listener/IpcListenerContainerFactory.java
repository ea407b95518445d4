package dev.springipc.listener;

import java.time.Duration;
import java.util.List;

import dev.springipc.messaging.IpcDestinationResolver;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcWireCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.validation.Validator;

/**
 * Creates an {@link IpcListenerContainer} for an {@link IpcListenerEndpoint}, with the defaults
 * it holds (concurrency, timeouts, retry) where the endpoint says nothing. Arguments are resolved
 * by spring-messaging's {@link DefaultMessageHandlerMethodFactory} with this factory's converter
 * and validator; replies go through the {@link IpcTemplate}.
 */
public class IpcListenerContainerFactory {

    private final IpcDestinationResolver destinations;

    private final IpcWireCodec codec;

    private final IpcTemplate template;

    private final DefaultMessageHandlerMethodFactory handlerMethodFactory = new DefaultMessageHandlerMethodFactory();

    private final IpcDeadLetterRecoverer recoverer;

    private int concurrency = 1;

    private Duration receiveTimeout = Duration.ofMillis(500);

    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private int maxAttempts = 3;

    private Duration initialInterval = Duration.ofMillis(100);

    private double multiplier = 2.0;

    private Duration maxInterval = Duration.ofSeconds(2);

    private boolean initialized;

    private IpcListenerObservation observation = IpcListenerObservation.NONE;

    public IpcListenerContainerFactory(IpcDestinationResolver destinations, IpcWireCodec codec, IpcTemplate template,
            MessageConverter converter) {
        this.destinations = destinations;
        this.codec = codec;
        this.template = template;
        this.recoverer = new IpcDeadLetterRecoverer(destinations);
        this.handlerMethodFactory.setMessageConverter(converter);
        this.handlerMethodFactory.setCustomArgumentResolvers(List.of(new IpcMessageArgumentResolver()));
    }

    /** Validates {@code @Valid} payloads. */
    public void setValidator(@Nullable Validator validator) {
        if (validator != null) {
            this.handlerMethodFactory.setValidator(validator);
        }
    }

    /** Resolves placeholders in {@code @Header} defaults. */
    public void setBeanFactory(BeanFactory beanFactory) {
        this.handlerMethodFactory.setBeanFactory(beanFactory);
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Attempts per message, the first included; 1 disables retry. */
    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public void setBackOff(Duration initialInterval, double multiplier, Duration maxInterval) {
        this.initialInterval = initialInterval;
        this.multiplier = multiplier;
        this.maxInterval = maxInterval;
    }

    public IpcListenerContainer createListenerContainer(IpcListenerEndpoint endpoint) {
        synchronized (this.handlerMethodFactory) {
            if (!this.initialized) {
                this.handlerMethodFactory.afterPropertiesSet();
                this.initialized = true;
            }
        }
        InvocableHandlerMethod handlerMethod = this.handlerMethodFactory.createInvocableHandlerMethod(endpoint.bean(),
                endpoint.method());
        IpcMessageListener listener = new MessagingIpcListenerAdapter(endpoint.id(), handlerMethod, this.template,
                endpoint.sendTo());
        IpcListenerContainer container = new IpcListenerContainer(endpoint.id(),
                this.destinations.resolve(endpoint.key()), this.codec, listener, retryTemplate(),
                endpoint.errorHandler(), this.recoverer,
                (endpoint.concurrency() != null) ? endpoint.concurrency() : this.concurrency, this.receiveTimeout,
                this.shutdownTimeout, (endpoint.autoStartup() != null) ? endpoint.autoStartup() : true);
        container.setObservation(this.observation);
        return container;
    }

    /**
     * How the containers this factory creates are observed: traffic (metrics, the {@code ipc}
     * endpoint) and {@link dev.springipc.messaging.IpcObservation#RECEIVE} observations; default none.
     */
    public void setObservation(IpcListenerObservation observation) {
        this.observation = observation;
    }

    private RetryTemplate retryTemplate() {
        RetryPolicy policy = RetryPolicy.builder()
            .maxRetries(this.maxAttempts - 1)
            .delay(this.initialInterval)
            .multiplier(this.multiplier)
            .maxDelay(this.maxInterval)
            .predicate((failure) -> !isPoison(failure))
            .build();
        return new RetryTemplate(policy);
    }

    /**
     * A failure another attempt cannot cure: the payload or arguments cannot be converted or are
     * invalid, or the method ran and only its reply failed.
     */
    static boolean isPoison(Throwable failure) {
        if (failure instanceof IpcListenerReplyException) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MessageConversionException || cause instanceof MethodArgumentResolutionException) {
                return true;
            }
        }
        return false;
    }
}
