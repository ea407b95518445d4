package dev.springipc.integration;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.Objects;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcReceiveLoop;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A message-driven channel adapter over a queue (POSIX, System V, shm ring) or a FIFO: one
 * consumer of an {@link IpcReceiveLoop} (the loop {@code @IpcListener} containers use too)
 * receives with a bounded timeout (so that a stop takes effect within it), decodes the
 * wire bytes with the destination's wire format and header mapper, and sends a
 * {@code Message<byte[]>} (or, with a payload type, the converted payload) to the output
 * channel. A message that cannot be decoded or converted goes to the error channel as a
 * {@link MessageConversionException} whose failed message carries the bytes exactly as
 * received; so does a downstream failure. Without an error channel of its own the adapter uses
 * the context's {@code errorChannel}; with none at all, the failure is logged at error level,
 * never dropped silently. A message taken off the queue while stopping is still delivered.
 */
public class IpcInboundChannelAdapter extends MessageProducerSupport {

    private final @Nullable String key;

    private @Nullable IpcDestination destination;

    private @Nullable IpcTemplate template;

    private @Nullable Class<?> payloadType;

    private Duration receiveTimeout = Duration.ofSeconds(1);

    private Duration recoveryInterval = Duration.ofSeconds(1);

    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private @Nullable Executor taskExecutor;

    private volatile @Nullable IpcReceiveLoop loop;

    /** An adapter over the queue or FIFO of {@code key}, resolved when the adapter initializes. */
    public IpcInboundChannelAdapter(String key) {
        this.key = key;
    }

    /** An adapter over {@code destination}. */
    public IpcInboundChannelAdapter(IpcDestination destination) {
        this.key = null;
        this.destination = destination;
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.template = template;
    }

    /** Converts each payload to this type with the template's converter; default: {@code byte[]} as received. */
    public void setPayloadType(@Nullable Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    /** How long one receive waits; bounds how long a stop takes. Default 1 s. */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    /** The pause after a failed receive (the resource went away, say) before the next. Default 1 s. */
    public void setRecoveryInterval(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
    }

    /** How long a stop waits for the message in flight before it interrupts the consumer. Default 10 s. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Runs the consumer, one task for as long as the adapter runs (so it keeps its thread).
     * Default: a new platform thread named {@code ipc-inbound-<key>-<n>}.
     */
    public void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** The destination, once initialized. */
    public @Nullable IpcDestination getDestination() {
        return this.destination;
    }

    @Override
    public String getComponentType() {
        return "ipc:inbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        BeanFactory beanFactory = getBeanFactory();
        this.template = IpcMessagingSupport.template(this.template, beanFactory, describe());
        this.destination = IpcMessagingSupport.destination(this.destination, this.key, this.template);
        if (getErrorChannel() == null && beanFactory != null
                && beanFactory.containsBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)) {
            setErrorChannelName(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME);
        }
    }

    @Override
    protected void doStart() {
        IpcDestination source = requireDestination();
        IpcReceiveLoop receiver = IpcReceiveLoop.builder(describe(), source)
            .receiveTimeout(this.receiveTimeout)
            .recoveryInterval(this.recoveryInterval)
            .executor(this.taskExecutor)
            .threadNamePrefix("ipc-inbound-" + source.key() + "-")
            .handler(this::deliver)
            .build();
        this.loop = receiver;
        receiver.start();
    }

    @Override
    protected void doStop(Runnable callback) {
        IpcReceiveLoop receiver = this.loop;
        if (receiver == null) {
            callback.run();
            return;
        }
        receiver.stop(this.shutdownTimeout, callback);
    }

    @Override
    protected void doStop() {
        IpcReceiveLoop receiver = this.loop;
        if (receiver != null) {
            receiver.stop(this.shutdownTimeout);
        }
    }

    private void deliver(IpcMessage received) {
        Message<?> message;
        try {
            message = toMessage(received);
        }
        catch (RuntimeException ex) {
            reportUnreadable(received, ex);
            return;
        }
        try {
            requireTemplate().observeReceived(requireDestination(), message, received.payload().length,
                    Objects.requireNonNullElse(getComponentName(), "ipcInboundChannelAdapter"),
                    () -> sendMessage(message));
        }
        catch (RuntimeException ex) {
            this.logger.error(ex, () -> describe() + " could not deliver a message of " + received.payload().length
                    + " bytes and has no error channel to report it to: set one (errorChannel)");
        }
    }

    private Message<?> toMessage(IpcMessage received) {
        IpcTemplate ipc = requireTemplate();
        return IpcMessagingSupport.withPayloadType(ipc.getWireCodec().decode(received, requireDestination()),
                this.payloadType, ipc, getMessageBuilderFactory(), describe());
    }

    private void reportUnreadable(IpcMessage received, RuntimeException cause) {
        Message<byte[]> raw = MessageBuilder.withPayload(received.payload())
            .setHeader(IpcHeaders.RECEIVED_FROM, requireDestination().key())
            .setHeader(IpcHeaders.RAW_MESSAGE, received)
            .build();
        MessageConversionException failure = new MessageConversionException(raw,
                describe() + " could not read a message of " + received.payload().length + " bytes: "
                        + cause.getMessage(), cause);
        try {
            if (sendErrorMessageIfNecessary(raw, failure)) {
                return;
            }
        }
        catch (RuntimeException ex) {
            failure.addSuppressed(ex);
        }
        this.logger.error(failure, () -> failure.getMessage() + "; no error channel took it: set one (errorChannel)");
    }

    private IpcDestination requireDestination() {
        IpcDestination current = this.destination;
        if (current == null) {
            throw new IllegalStateException(describe() + " is not initialized");
        }
        return current;
    }

    private IpcTemplate requireTemplate() {
        IpcTemplate current = this.template;
        if (current == null) {
            throw new IllegalStateException(describe() + " is not initialized");
        }
        return current;
    }

    private String describe() {
        IpcDestination current = this.destination;
        return "IPC inbound adapter '" + ((current != null) ? current.key() : this.key) + "'";
    }
}
