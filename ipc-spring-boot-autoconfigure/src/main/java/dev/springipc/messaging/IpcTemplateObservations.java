package dev.springipc.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Wraps one send in an {@link IpcObservation#SEND} observation: kept out of {@link IpcTemplate}'s own code. */
final class IpcTemplateObservations {

    private IpcTemplateObservations() {
    }

    /**
     * Starts the observation (a tracer's handler writes the trace context into a header map),
     * then sends {@code message} with those headers added through {@code send}, in the
     * observation's scope; a failure is recorded as its error.
     */
    static void observeSend(ObservationRegistry registry, @Nullable IpcSenderObservationConvention convention,
            IpcDestination destination, Message<?> message, Consumer<Message<?>> send) {
        Map<String, Object> headers = new HashMap<>();
        Observation observation = IpcObservation.SEND.observation(convention,
                DefaultIpcSenderObservationConvention.INSTANCE, () -> new IpcSenderContext(destination, headers),
                registry);
        observation.observe(() -> send.accept(headers.isEmpty() ? message
                : MessageBuilder.fromMessage(message).copyHeaders(headers).build()));
    }
}
