package dev.springipc.integration;

import java.time.Duration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Request-reply over IPC: sends each request to a queue or FIFO with a new correlation id and
 * the reply destination as reply-to, and produces the reply with that correlation id, through
 * {@link IpcTemplate#sendAndReceive}. Both destinations need the envelope wire format. The reply
 * payload is {@code byte[]} unless a reply payload type is set. A reply that does not come within
 * the reply timeout fails with a {@code ReplyRequiredException}, unless {@code requiresReply} is
 * turned off.
 */
public class IpcOutboundGateway extends AbstractReplyProducingMessageHandler {

    private final @Nullable String requestKey;

    private @Nullable IpcDestination requests;

    private @Nullable String replyKey;

    private @Nullable IpcDestination replies;

    private @Nullable IpcTemplate template;

    private @Nullable Duration replyTimeout;

    private @Nullable Class<?> replyPayloadType;

    /** A gateway sending to the queue or FIFO of {@code requestKey}. */
    public IpcOutboundGateway(String requestKey) {
        this.requestKey = requestKey;
        setRequiresReply(true);
    }

    /** A gateway sending to {@code requests}. */
    public IpcOutboundGateway(IpcDestination requests) {
        this.requestKey = null;
        this.requests = requests;
        setRequiresReply(true);
    }

    /** The template to send and receive with; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.template = template;
    }

    /**
     * Key of the reply queue or FIFO; default: the template's reply queue
     * (ipc.template.reply-queue), else the template's temporary reply queue.
     */
    public void setReplyQueue(String replyKey) {
        this.replyKey = replyKey;
    }

    /** The reply destination. */
    public void setReplyDestination(IpcDestination replies) {
        this.replies = replies;
    }

    /** How long to wait for a reply; default: the template's receive timeout. */
    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    /** Converts each reply payload to this type; default: {@code byte[]} as received. */
    public void setReplyPayloadType(@Nullable Class<?> replyPayloadType) {
        this.replyPayloadType = replyPayloadType;
    }

    @Override
    public String getComponentType() {
        return "ipc:outbound-gateway";
    }

    @Override
    protected void doInit() {
        String name = describe();
        IpcTemplate ipc = IpcMessagingSupport.template(this.template, getBeanFactory(), name);
        this.template = ipc;
        this.requests = IpcMessagingSupport.destination(this.requests, this.requestKey, ipc);
        if (this.replies == null && this.replyKey != null) {
            this.replies = IpcMessagingSupport.destination(null, this.replyKey, ipc);
        }
        if (this.replyTimeout == null) {
            this.replyTimeout = ipc.getReceiveTimeout();
        }
    }

    @Override
    protected @Nullable Object handleRequestMessage(Message<?> requestMessage) {
        IpcTemplate ipc = this.template;
        IpcDestination to = this.requests;
        IpcDestination from = this.replies;
        Duration timeout = this.replyTimeout;
        if (ipc == null || to == null || timeout == null) {
            throw new IllegalStateException(describe() + " is not initialized");
        }
        Message<byte[]> reply = (from != null) ? ipc.sendAndReceive(to, from, requestMessage, timeout)
                : ipc.sendAndReceive(to, requestMessage, timeout);
        Class<?> type = this.replyPayloadType;
        if (reply == null || type == null || type == byte[].class) {
            return reply;
        }
        Object payload = ipc.getMessageConverter().fromMessage(reply, type);
        if (payload == null) {
            throw new MessageConversionException(reply, describe() + " cannot convert the reply to " + type.getName());
        }
        return getMessageBuilderFactory().withPayload(payload).copyHeaders(reply.getHeaders());
    }

    private String describe() {
        return "IPC outbound gateway '" + ((this.requests != null) ? this.requests.key() : this.requestKey) + "'";
    }
}
