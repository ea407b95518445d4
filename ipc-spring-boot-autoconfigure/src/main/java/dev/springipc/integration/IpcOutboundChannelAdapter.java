package dev.springipc.integration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;

/**
 * Sends each message to a queue or FIFO through {@link IpcTemplate#send(IpcDestination, Message)}:
 * a {@code byte[]} payload as is, any other converted; headers travel when the destination's
 * wire format is the envelope; {@code ipc_priority} and {@code ipc_type} set the POSIX priority
 * and System V type.
 */
public class IpcOutboundChannelAdapter extends AbstractMessageHandler {

    private final @Nullable String key;

    private @Nullable IpcDestination destination;

    private @Nullable IpcTemplate template;

    /** An adapter to the queue or FIFO of {@code key}, resolved when the adapter initializes. */
    public IpcOutboundChannelAdapter(String key) {
        this.key = key;
    }

    /** An adapter to {@code destination}. */
    public IpcOutboundChannelAdapter(IpcDestination destination) {
        this.key = null;
        this.destination = destination;
    }

    /** The template to send with; default: the context's. */
    public void setTemplate(IpcTemplate template) {
        this.template = template;
    }

    @Override
    public String getComponentType() {
        return "ipc:outbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        String name = "IPC outbound adapter '" + ((this.destination != null) ? this.destination.key() : this.key) + "'";
        this.template = IpcMessagingSupport.template(this.template, getBeanFactory(), name);
        this.destination = IpcMessagingSupport.destination(this.destination, this.key, this.template);
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        IpcTemplate current = this.template;
        IpcDestination target = this.destination;
        if (current == null || target == null) {
            throw new IllegalStateException("IPC outbound adapter '" + this.key + "' is not initialized");
        }
        current.send(target, message);
    }
}
