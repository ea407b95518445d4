package dev.springipc.messaging;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * The context of an {@link IpcObservation#RECEIVE} observation. Its carrier is the received
 * message: a tracer's propagator reads {@code traceparent} from its headers and continues the
 * sender's trace.
 */
public class IpcReceiverContext extends ReceiverContext<Message<?>> {

    private final IpcDestination destination;

    private final String listenerId;

    public IpcReceiverContext(IpcDestination destination, Message<?> message, String listenerId) {
        super((carrier, key) -> {
            Object value = carrier.getHeaders().get(key);
            return (value != null) ? value.toString() : null;
        }, Kind.CONSUMER);
        this.destination = destination;
        this.listenerId = listenerId;
        setCarrier(message);
        setRemoteServiceName("ipc");
    }

    /** Where the message came from. */
    public IpcDestination getDestination() {
        return this.destination;
    }

    /** Id of the listener that handles it. */
    public String getListenerId() {
        return this.listenerId;
    }
}
