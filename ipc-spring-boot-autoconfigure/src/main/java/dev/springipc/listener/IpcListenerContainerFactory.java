package dev.springipc.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcDestinationResolver;
import dev.springipc.messaging.IpcDirectReplies;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcWireCodec;
import dev.springipc.messaging.WireFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.validation.Validator;

/**
 * Creates an {@link IpcListenerContainer} for an {@link IpcListenerEndpoint}, with the settings
 * it holds (concurrency, timeouts, retry, threads, error handling) where the endpoint says
 * nothing. Arguments are resolved by spring-messaging's {@link DefaultMessageHandlerMethodFactory}
 * with this factory's converter, validator and argument resolvers, unless a
 * {@link MessageHandlerMethodFactory} is given; replies go through the {@link IpcOperations}.
 * <p>
 * The factory holds no defaults of its own: in a Spring Boot application
 * {@code IpcListenerContainerFactoryConfigurer.configure(factory)} applies {@code ipc.listener.*}
 * and the context's converter, validator, recoverer and error handler, so a second factory is
 * {@code new IpcListenerContainerFactory()}, {@code configure(factory)}, then what differs.
 */
public class IpcListenerContainerFactory {

    private @Nullable IpcDestinationResolver destinationResolver;

    private @Nullable IpcWireCodec wireCodec;

    private @Nullable IpcOperations operations;

    private @Nullable MessageConverter messageConverter;

    private @Nullable Validator validator;

    private @Nullable BeanFactory beanFactory;

    private List<HandlerMethodArgumentResolver> customArgumentResolvers = List.of();

    private @Nullable MessageHandlerMethodFactory messageHandlerMethodFactory;

    private @Nullable MessageHandlerMethodFactory defaultHandlerMethodFactory;

    private @Nullable IpcMessageRecoverer recoverer;

    private @Nullable IpcListenerErrorHandler errorHandler;

    private @Nullable Executor taskExecutor;

    private @Nullable Integer concurrency;

    private @Nullable Duration receiveTimeout;

    private @Nullable Duration shutdownTimeout;

    private @Nullable Integer maxAttempts;

    private @Nullable Duration initialInterval;

    private @Nullable Double multiplier;

    private @Nullable Duration maxInterval;

    private IpcListenerObservation observation = IpcListenerObservation.NONE;

    /** Resolves listener keys to queues and FIFOs. */
    public void setDestinationResolver(IpcDestinationResolver destinationResolver) {
        this.destinationResolver = destinationResolver;
    }

    /** Decodes received wire bytes. */
    public void setWireCodec(IpcWireCodec wireCodec) {
        this.wireCodec = wireCodec;
    }

    /** Sends the replies (return values) of listener methods. */
    public void setOperations(IpcOperations operations) {
        this.operations = operations;
    }

    /** Converts payloads to the parameter types of listener methods. */
    public void setMessageConverter(MessageConverter messageConverter) {
        this.messageConverter = messageConverter;
    }

    /** Validates {@code @Valid} payloads; none by default. */
    public void setValidator(@Nullable Validator validator) {
        this.validator = validator;
    }

    /** Resolves placeholders in {@code @Header} defaults. */
    public void setBeanFactory(@Nullable BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** Argument resolvers tried after the {@code IpcMessage} one and before the standard ones. */
    public void setCustomArgumentResolvers(List<HandlerMethodArgumentResolver> customArgumentResolvers) {
        this.customArgumentResolvers = List.copyOf(customArgumentResolvers);
    }

    /**
     * Turns listener methods into invocable handlers instead of the default factory (whose
     * converter, validator and argument resolvers then do not apply).
     */
    public void setMessageHandlerMethodFactory(@Nullable MessageHandlerMethodFactory messageHandlerMethodFactory) {
        this.messageHandlerMethodFactory = messageHandlerMethodFactory;
    }

    /** Takes failed messages after retries and error handler; default: an {@link IpcDeadLetterRecoverer}. */
    public void setRecoverer(@Nullable IpcMessageRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    /** The error handler of listeners that name none; default none. */
    public void setErrorHandler(@Nullable IpcListenerErrorHandler errorHandler) {
        this.errorHandler = errorHandler;
    }

    /**
     * Runs the consumers: one long-running task per consumer, so it needs a thread per consumer
     * of every container it serves. Default: a new platform thread per consumer, named
     * {@code ipc-listener-<id>-<n>}.
     */
    public void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** Consumer threads of listeners that give no {@code concurrency}. */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Longest single wait for a message; bounds how long a stop waits for an idle consumer. */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    /** How long a stop waits for in-flight messages before it interrupts the consumers. */
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

    /** Back-off between attempts: the first delay, its growth factor and the longest delay. */
    public void setBackOff(Duration initialInterval, double multiplier, Duration maxInterval) {
        this.initialInterval = initialInterval;
        this.multiplier = multiplier;
        this.maxInterval = maxInterval;
    }

    public IpcListenerContainer createListenerContainer(IpcListenerEndpoint endpoint) {
        IpcDestinationResolver destinations = required(this.destinationResolver, "destinationResolver");
        MessageHandlerMethodFactory methods = (endpoint.messageHandlerMethodFactory() != null)
                ? endpoint.messageHandlerMethodFactory() : handlerMethodFactory();
        InvocableHandlerMethod handlerMethod = methods.createInvocableHandlerMethod(endpoint.bean(), endpoint.method());
        IpcMessageListener listener = new MessagingIpcListenerAdapter(endpoint.id(), handlerMethod,
                required(this.operations, "operations"), endpoint.sendTo());
        IpcMessageRecoverer deadLetters = (this.recoverer != null) ? this.recoverer
                : new IpcDeadLetterRecoverer(destinations);
        IpcDestination source = destinations.resolve(endpoint.key());
        requireReplyPath(endpoint, source);
        boolean defaultResolution = endpoint.messageHandlerMethodFactory() == null
                && this.messageHandlerMethodFactory == null && this.customArgumentResolvers.isEmpty();
        IpcDirectReplies directReplies = IpcDirectReplies.of(required(this.operations, "operations"));
        InPlaceListenerMethod inPlace = InPlaceListenerMethod.of(endpoint, source, this.messageConverter,
                defaultResolution, directReplies != null);
        IpcListenerContainer container = new IpcListenerContainer(endpoint.id(), source,
                required(this.wireCodec, "wireCodec"), listener, retryTemplate(),
                (endpoint.errorHandler() != null) ? endpoint.errorHandler() : this.errorHandler, deadLetters,
                (endpoint.concurrency() != null) ? endpoint.concurrency() : required(this.concurrency, "concurrency"),
                required(this.receiveTimeout, "receiveTimeout"), required(this.shutdownTimeout, "shutdownTimeout"),
                (endpoint.autoStartup() != null) ? endpoint.autoStartup() : true, this.taskExecutor, inPlace,
                directReplies, endpoint.sendTo());
        container.setObservation(this.observation);
        return container;
    }

    /**
     * A method that returns a value without {@code @SendTo} replies to the request's reply-to,
     * which only the envelope carries: on a raw destination it could never reply, so it fails
     * now rather than at the first message. ({@code @SendTo} on a raw destination forwards, which
     * needs no header.)
     */
    private static void requireReplyPath(IpcListenerEndpoint endpoint, IpcDestination source) {
        Class<?> returns = endpoint.method().getReturnType();
        if (returns == void.class || returns == Void.class || endpoint.sendTo() != null
                || source.wireFormat() != WireFormat.RAW) {
            return;
        }
        throw new IllegalStateException("Listener '" + endpoint.id() + "' (" + endpoint.method().getDeclaringClass()
                .getSimpleName() + "." + endpoint.method().getName() + ") returns a reply, but '" + source.key()
                + "' is raw, so requests carry no reply-to: set " + source.propertyPath()
                + ".wire-format: envelope (on both sides), add @SendTo(\"key\"), or return void");
    }

    private synchronized MessageHandlerMethodFactory handlerMethodFactory() {
        if (this.messageHandlerMethodFactory != null) {
            return this.messageHandlerMethodFactory;
        }
        if (this.defaultHandlerMethodFactory == null) {
            DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
            factory.setMessageConverter(required(this.messageConverter, "messageConverter"));
            List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
            resolvers.add(new IpcMessageArgumentResolver());
            resolvers.addAll(this.customArgumentResolvers);
            factory.setCustomArgumentResolvers(resolvers);
            if (this.validator != null) {
                factory.setValidator(this.validator);
            }
            if (this.beanFactory != null) {
                factory.setBeanFactory(this.beanFactory);
            }
            factory.afterPropertiesSet();
            this.defaultHandlerMethodFactory = factory;
        }
        return this.defaultHandlerMethodFactory;
    }

    private static <T> T required(@Nullable T value, String property) {
        if (value == null) {
            throw new IllegalStateException("IpcListenerContainerFactory has no " + property + ": apply "
                    + "IpcListenerContainerFactoryConfigurer.configure(factory) (it sets ipc.listener.* and the "
                    + "context's beans), or set it");
        }
        return value;
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
            .maxRetries(required(this.maxAttempts, "maxAttempts") - 1)
            .delay(required(this.initialInterval, "initialInterval"))
            .multiplier(required(this.multiplier, "multiplier"))
            .maxDelay(required(this.maxInterval, "maxInterval"))
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
