package dev.springipc.messaging;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of an {@link IpcObservation#SEND} observation. Its carrier is the header map of the
 * message about to be encoded: a tracer's propagator writes {@code traceparent} (and
 * {@code tracestate}) into it, and the envelope carries them to the receiver.
 */
public class IpcSenderContext extends SenderContext<Map<String, Object>> {

    private final IpcDestination destination;

    public IpcSenderContext(IpcDestination destination, Map<String, Object> headers) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        }, Kind.PRODUCER);
        this.destination = destination;
        setCarrier(headers);
        setRemoteServiceName("ipc");
    }

    /** Where the message goes. */
    public IpcDestination getDestination() {
        return this.destination;
    }
}
