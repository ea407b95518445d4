package dev.springipc.integration;

import dev.springipc.messaging.IpcTemplate;

import org.springframework.integration.dsl.MessageHandlerSpec;

/**
 * DSL spec of an {@link IpcOutboundChannelAdapter}.
 */
public class IpcOutboundChannelAdapterSpec
        extends MessageHandlerSpec<IpcOutboundChannelAdapterSpec, IpcOutboundChannelAdapter> {

    protected IpcOutboundChannelAdapterSpec(IpcOutboundChannelAdapter adapter) {
        this.target = adapter;
    }

    /** The template to send with; default: the context's. */
    public IpcOutboundChannelAdapterSpec template(IpcTemplate template) {
        this.target.setTemplate(template);
        return this;
    }
}
