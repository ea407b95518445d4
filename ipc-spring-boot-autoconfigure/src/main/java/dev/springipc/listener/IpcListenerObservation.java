package dev.springipc.listener;

import dev.springipc.messaging.DefaultIpcReceiverObservationConvention;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcObservation;
import dev.springipc.messaging.IpcReceiverContext;
import dev.springipc.messaging.IpcReceiverObservationConvention;
import dev.springipc.messaging.IpcTrafficObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.messaging.Message;

/**
 * How listener containers are observed: a {@link IpcTrafficObserver} told of each message, and
 * an {@link ObservationRegistry} in which each handling runs as an {@link IpcObservation#RECEIVE}
 * observation that continues the sender's trace (so a reply sent by the listener joins it).
 *
 * @param traffic told of every received and failed message
 * @param registry where handlings are observed; {@link ObservationRegistry#NOOP} for none
 * @param convention replaces {@link DefaultIpcReceiverObservationConvention}, if not null
 */
public record IpcListenerObservation(IpcTrafficObserver traffic, ObservationRegistry registry,
        @Nullable IpcReceiverObservationConvention convention) {

    /** No observation. */
    public static final IpcListenerObservation NONE = new IpcListenerObservation(IpcTrafficObserver.NONE,
            ObservationRegistry.NOOP, null);

    /** Runs {@code handling} of {@code message}, observed unless the registry is a no-op. */
    void observeReceive(IpcDestination destination, Message<byte[]> message, String listenerId, Handling handling)
            throws RetryException {
        if (this.registry.isNoop()) {
            handling.run();
            return;
        }
        Observation observation = IpcObservation.RECEIVE.observation(this.convention,
                DefaultIpcReceiverObservationConvention.INSTANCE,
                () -> new IpcReceiverContext(destination, message, listenerId), this.registry);
        observation.observeChecked(handling::run);
    }

    /** A handling with retries. */
    @FunctionalInterface
    interface Handling {

        void run() throws RetryException;

    }
}
