package dev.springipc.integration;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.Objects;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcHeaders;
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

    private final InboundSource source;

    private final InboundConsumer consumer = new InboundConsumer();

    /** An adapter over the queue or FIFO of {@code key}, resolved when the adapter initializes. */
    public IpcInboundChannelAdapter(String key) {
        this.source = new InboundSource("inbound adapter", key);
    }

    /** An adapter over {@code destination}. */
    public IpcInboundChannelAdapter(IpcDestination destination) {
        this.source = new InboundSource("inbound adapter", destination);
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.source.setTemplate(template);
    }

    /** Converts each payload to this type with the template's converter; default: {@code byte[]} as received. */
    public void setPayloadType(@Nullable Class<?> payloadType) {
        this.source.setPayloadType(payloadType);
    }

    /** How long one receive waits; bounds how long a stop takes. Default 1 s. */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.consumer.setReceiveTimeout(receiveTimeout);
    }

    /** The pause after a failed receive (the resource went away, say) before the next. Default 1 s. */
    public void setRecoveryInterval(Duration recoveryInterval) {
        this.consumer.setRecoveryInterval(recoveryInterval);
    }

    /** How long a stop waits for the message in flight before it interrupts the consumer. Default 10 s. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.consumer.setShutdownTimeout(shutdownTimeout);
    }

    /**
     * Runs the consumer, one task for as long as the adapter runs (so it keeps its thread).
     * Default: a new platform thread named {@code ipc-inbound-<key>-<n>}.
     */
    public void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.consumer.setTaskExecutor(taskExecutor);
    }

    /** The destination, once initialized. */
    public @Nullable IpcDestination getDestination() {
        return this.source.destinationIfResolved();
    }

    @Override
    public String getComponentType() {
        return "ipc:inbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        BeanFactory beanFactory = getBeanFactory();
        this.source.initialize(beanFactory);
        if (getErrorChannel() == null && beanFactory != null
                && beanFactory.containsBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)) {
            setErrorChannelName(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME);
        }
    }

    @Override
    protected void doStart() {
        this.consumer.start(this.source.describe(), this.source.destination(), "ipc-inbound-", this::deliver);
    }

    @Override
    protected void doStop(Runnable callback) {
        this.consumer.stop(callback);
    }

    @Override
    protected void doStop() {
        this.consumer.stop();
    }

    private void deliver(IpcMessage received) {
        Message<?> message;
        try {
            message = this.source.decode(received, getMessageBuilderFactory());
        }
        catch (RuntimeException ex) {
            reportUnreadable(received, ex);
            return;
        }
        try {
            this.source.template().observeReceived(this.source.destination(), message, received.payload().length,
                    Objects.requireNonNullElse(getComponentName(), "ipcInboundChannelAdapter"),
                    () -> sendMessage(message));
        }
        catch (RuntimeException ex) {
            this.logger.error(ex, () -> this.source.describe() + " could not deliver a message of "
                    + received.payload().length + " bytes and has no error channel to report it to: set one "
                    + "(errorChannel)");
        }
    }

    private void reportUnreadable(IpcMessage received, RuntimeException cause) {
        Message<byte[]> raw = MessageBuilder.withPayload(received.payload())
            .setHeader(IpcHeaders.RECEIVED_FROM, this.source.destination().key())
            .setHeader(IpcHeaders.RAW_MESSAGE, received)
            .build();
        MessageConversionException failure = new MessageConversionException(raw,
                this.source.describe() + " could not read a message of " + received.payload().length + " bytes: "
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
}
