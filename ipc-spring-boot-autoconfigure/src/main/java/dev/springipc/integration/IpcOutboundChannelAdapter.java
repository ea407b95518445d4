package dev.springipc.integration;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;

/**
 * Sends each message to a queue or FIFO through {@link IpcOperations#send(IpcDestination, Message)}
 * (by default the context's {@link IpcTemplate}; any {@code IpcOperations} bean, a mock say, will do):
 * a {@code byte[]} payload as is, any other converted; headers travel when the destination's
 * wire format is the envelope; {@code ipc_priority} and {@code ipc_type} set the POSIX priority
 * and System V type.
 */
public class IpcOutboundChannelAdapter extends AbstractMessageHandler {

    private final @Nullable String key;

    private @Nullable IpcDestination destination;

    private @Nullable IpcOperations operations;

    /** An adapter to the queue or FIFO of {@code key}, resolved when the adapter initializes. */
    public IpcOutboundChannelAdapter(String key) {
        this.key = key;
    }

    /** An adapter to {@code destination}. */
    public IpcOutboundChannelAdapter(IpcDestination destination) {
        this.key = null;
        this.destination = destination;
    }

    /** What to send with; default: the context's {@link IpcOperations} (the {@link IpcTemplate}). */
    public void setTemplate(IpcOperations operations) {
        this.operations = operations;
    }

    @Override
    public String getComponentType() {
        return "ipc:outbound-channel-adapter";
    }

    @Override
    protected void onInit() {
        super.onInit();
        String name = "IPC outbound adapter '" + ((this.destination != null) ? this.destination.key() : this.key) + "'";
        IpcOperations ops = IpcMessagingSupport.operations(this.operations, getBeanFactory(), name);
        this.operations = ops;
        if (this.destination == null && ops instanceof IpcTemplate template) {
            // Resolved now, so that an unknown key fails at startup rather than at the first message.
            this.destination = IpcMessagingSupport.destination(null, this.key, template);
        }
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        IpcOperations current = this.operations;
        if (current == null) {
            throw new IllegalStateException("IPC outbound adapter '" + this.key + "' is not initialized");
        }
        IpcDestination target = this.destination;
        if (target != null) {
            current.send(target, message);
        }
        else {
            current.send(requireKey(), message);
        }
    }

    private String requireKey() {
        if (this.key == null) {
            throw new IllegalStateException("IPC outbound adapter has neither a key nor a destination");
        }
        return this.key;
    }
}
