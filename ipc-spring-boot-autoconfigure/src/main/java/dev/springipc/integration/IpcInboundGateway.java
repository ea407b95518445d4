package dev.springipc.integration;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.WireFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * An inbound gateway: a flow answers requests that another process sends to a queue or FIFO
 * (envelope wire format), with {@link IpcTemplate#convertSendAndReceive} or an outbound
 * gateway. One consumer of an {@link IpcReceiveLoop} receives each request, decodes it (and
 * converts the payload to the payload type, if one is set), sends it to the request channel and
 * sends the flow's reply to the request's reply-to (a declared destination or the requester's
 * temporary reply queue) with the request's correlation id. A request without reply-to, or a flow
 * that answers nothing within the reply timeout, gets no reply: the requester times out. A
 * failure goes to the error channel, if any, whose answer is the reply; else it is logged.
 */
public class IpcInboundGateway extends MessagingGatewaySupport {

    private final InboundSource source;

    private final InboundConsumer consumer = new InboundConsumer();

    /** A gateway on the queue or FIFO of {@code key}, resolved when the gateway initializes. */
    public IpcInboundGateway(String key) {
        this.source = new InboundSource("inbound gateway", key);
    }

    /** A gateway on {@code destination}. */
    public IpcInboundGateway(IpcDestination destination) {
        this.source = new InboundSource("inbound gateway", destination);
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.source.setTemplate(template);
    }

    /** Converts each request payload to this type; default: {@code byte[]} as received. */
    public void setPayloadType(@Nullable Class<?> payloadType) {
        this.source.setPayloadType(payloadType);
    }

    /** How long one receive waits; bounds how long a stop takes. Default 1 s. */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.consumer.setReceiveTimeout(receiveTimeout);
    }

    /** How long a stop waits for the request in flight. Default 10 s. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.consumer.setShutdownTimeout(shutdownTimeout);
    }

    /** Runs the consumer (one long-running task); default: a platform thread {@code ipc-gateway-<key>-<n>}. */
    public void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.consumer.setTaskExecutor(taskExecutor);
    }

    /** The destination, once initialized. */
    public @Nullable IpcDestination getDestination() {
        return this.source.destinationIfResolved();
    }

    @Override
    public String getComponentType() {
        return "ipc:inbound-gateway";
    }

    @Override
    protected void onInit() {
        super.onInit();
        IpcDestination requests = this.source.initialize(getBeanFactory());
        if (requests.wireFormat() != WireFormat.ENVELOPE) {
            throw new IllegalStateException(this.source.describe() + " answers requests, which needs the envelope "
                    + "wire format (correlation id and reply-to travel in it): set " + requests.propertyPath()
                    + ".wire-format: envelope (on both sides)");
        }
    }

    @Override
    protected void doStart() {
        super.doStart();
        this.consumer.start(this.source.describe(), this.source.destination(), "ipc-gateway-", this::answer);
    }

    @Override
    protected void doStop() {
        this.consumer.stop();
        super.doStop();
    }

    private void answer(IpcMessage received) {
        IpcTemplate ipc = this.source.template();
        try {
            Message<?> request = this.source.decode(received, getMessageBuilderFactory());
            Object replyTo = request.getHeaders().get(IpcHeaders.REPLY_TO);
            Object correlationId = request.getHeaders().get(IpcHeaders.CORRELATION_ID);
            Message<?>[] reply = new Message<?>[1];
            ipc.observeReceived(this.source.destination(), request, received.payload().length,
                    Objects.requireNonNullElse(getComponentName(), "ipcInboundGateway"),
                    () -> reply[0] = sendAndReceiveMessage(request));
            if (reply[0] == null || replyTo == null) {
                return;
            }
            MessageBuilder<?> answer = MessageBuilder.fromMessage(reply[0])
                .removeHeaders(IpcHeaders.REPLY_TO, IpcHeaders.RECEIVED_FROM, IpcHeaders.RAW_MESSAGE);
            if (correlationId != null) {
                answer.setHeader(IpcHeaders.CORRELATION_ID, correlationId);
            }
            ipc.send(replyTo.toString(), answer.build());
        }
        catch (RuntimeException ex) {
            this.logger.error(ex, () -> this.source.describe() + " could not answer a request of "
                    + received.payload().length + " bytes");
        }
    }
}
