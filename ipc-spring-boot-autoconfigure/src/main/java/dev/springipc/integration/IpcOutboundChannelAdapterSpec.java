package dev.springipc.integration;

import dev.springipc.messaging.IpcOperations;

import org.springframework.integration.dsl.MessageHandlerSpec;

/**
 * DSL spec of an {@link IpcOutboundChannelAdapter}.
 */
public class IpcOutboundChannelAdapterSpec
        extends MessageHandlerSpec<IpcOutboundChannelAdapterSpec, IpcOutboundChannelAdapter> {

    protected IpcOutboundChannelAdapterSpec(IpcOutboundChannelAdapter adapter) {
        this.target = adapter;
    }

    /** What to send with; default: the context's {@code IpcOperations} (the {@code IpcTemplate}). */
    public IpcOutboundChannelAdapterSpec template(IpcOperations operations) {
        this.target.setTemplate(operations);
        return this;
    }
}
