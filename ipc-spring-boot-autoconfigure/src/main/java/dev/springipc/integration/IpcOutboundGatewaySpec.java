package dev.springipc.integration;

import java.time.Duration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;

import org.springframework.integration.dsl.MessageHandlerSpec;

/**
 * DSL spec of an {@link IpcOutboundGateway}.
 */
public class IpcOutboundGatewaySpec extends MessageHandlerSpec<IpcOutboundGatewaySpec, IpcOutboundGateway> {

    protected IpcOutboundGatewaySpec(IpcOutboundGateway gateway) {
        this.target = gateway;
    }

    /** The template to send and receive with; default: the context's. */
    public IpcOutboundGatewaySpec template(IpcTemplate template) {
        this.target.setTemplate(template);
        return this;
    }

    /** Key of the reply queue or FIFO (envelope); default: ipc.template.reply-queue, else a temporary one. */
    public IpcOutboundGatewaySpec replyQueue(String key) {
        this.target.setReplyQueue(key);
        return this;
    }

    /** The reply destination (envelope). */
    public IpcOutboundGatewaySpec replyDestination(IpcDestination replies) {
        this.target.setReplyDestination(replies);
        return this;
    }

    /** How long to wait for a reply; default: the template's receive timeout. */
    public IpcOutboundGatewaySpec replyTimeout(Duration timeout) {
        this.target.setReplyTimeout(timeout);
        return this;
    }

    /** Converts each reply payload to {@code type}; default: {@code byte[]}. */
    public IpcOutboundGatewaySpec replyPayloadType(Class<?> type) {
        this.target.setReplyPayloadType(type);
        return this;
    }

    /** Whether a missing reply is an error (default) or ends the flow quietly. */
    public IpcOutboundGatewaySpec requiresReply(boolean requiresReply) {
        this.target.setRequiresReply(requiresReply);
        return this;
    }
}
