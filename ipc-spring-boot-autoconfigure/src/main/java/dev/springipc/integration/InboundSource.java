package dev.springipc.integration;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;

/**
 * What every inbound endpoint reads from: the destination (given, or resolved from its key), the
 * template whose codec and converter decode it, and the payload type to convert to. The adapter,
 * the gateway and the message source each hold one, so the three resolve and decode alike.
 */
final class InboundSource {

    private final String role;

    private final @Nullable String key;

    private @Nullable IpcDestination destination;

    private @Nullable IpcTemplate template;

    private @Nullable Class<?> payloadType;

    /** A source that resolves {@code key} when initialized; {@code role} names the endpoint in errors. */
    InboundSource(String role, String key) {
        this.role = role;
        this.key = key;
    }

    InboundSource(String role, IpcDestination destination) {
        this.role = role;
        this.key = null;
        this.destination = destination;
    }

    void setTemplate(IpcTemplate template) {
        this.template = template;
    }

    void setPayloadType(@Nullable Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    /** Resolves the template (else the context's) and the destination; idempotent. */
    IpcDestination initialize(@Nullable BeanFactory beanFactory) {
        IpcTemplate ipc = IpcMessagingSupport.template(this.template, beanFactory, describe());
        this.template = ipc;
        IpcDestination resolved = IpcMessagingSupport.destination(this.destination, this.key, ipc);
        this.destination = resolved;
        return resolved;
    }

    /** The wire bytes as a message, its payload converted to the payload type if one is set. */
    Message<?> decode(IpcMessage received, MessageBuilderFactory builders) {
        IpcTemplate ipc = template();
        return withPayloadType(ipc.getWireCodec().decode(received, destination()), builders);
    }

    /** A message already decoded (by {@link IpcTemplate#receive}), its payload converted if a type is set. */
    Message<?> withPayloadType(Message<byte[]> message, MessageBuilderFactory builders) {
        return IpcMessagingSupport.withPayloadType(message, this.payloadType, template(), builders, describe());
    }

    IpcDestination destination() {
        IpcDestination current = this.destination;
        if (current == null) {
            throw new IllegalStateException(describe() + " is not initialized");
        }
        return current;
    }

    /** The destination, or null before initialization. */
    @Nullable IpcDestination destinationIfResolved() {
        return this.destination;
    }

    IpcTemplate template() {
        IpcTemplate current = this.template;
        if (current == null) {
            throw new IllegalStateException(describe() + " is not initialized");
        }
        return current;
    }

    /** E.g. "IPC inbound gateway 'orders'". */
    String describe() {
        IpcDestination current = this.destination;
        return "IPC " + this.role + " '" + ((current != null) ? current.key() : this.key) + "'";
    }
}
