package dev.springipc.integration;

import java.time.Duration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.endpoint.AbstractMessageSource;
import org.springframework.messaging.Message;

/**
 * A polled source over a queue or FIFO, for flows that poll
 * ({@code IntegrationFlow.from(Ipc.messageSource("orders"), (e) -> e.poller(...))}): each poll
 * receives at most one message, waiting at most the receive timeout (default zero: take what is
 * there), decoded as the destination's wire format says; a {@code Message<byte[]>}, or the
 * payload converted to the payload type. Nothing there: no message.
 */
public class IpcMessageSource extends AbstractMessageSource<Object> {

    private final InboundSource source;

    private Duration receiveTimeout = Duration.ZERO;

    /** A source on the queue or FIFO of {@code key}, resolved on the first poll. */
    public IpcMessageSource(String key) {
        this.source = new InboundSource("message source", key);
    }

    /** A source on {@code destination}. */
    public IpcMessageSource(IpcDestination destination) {
        this.source = new InboundSource("message source", destination);
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.source.setTemplate(template);
    }

    /** Converts each payload to this type; default: {@code byte[]} as received. */
    public void setPayloadType(@Nullable Class<?> payloadType) {
        this.source.setPayloadType(payloadType);
    }

    /** How long one poll waits for a message; default zero (no wait). */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    @Override
    public String getComponentType() {
        return "ipc:inbound-channel-adapter";
    }

    @Override
    protected @Nullable Object doReceive() {
        IpcDestination destination = this.source.initialize(getBeanFactory());
        Message<byte[]> message = this.source.template().receive(destination, this.receiveTimeout);
        return (message != null) ? this.source.withPayloadType(message, getMessageBuilderFactory()) : null;
    }
}
