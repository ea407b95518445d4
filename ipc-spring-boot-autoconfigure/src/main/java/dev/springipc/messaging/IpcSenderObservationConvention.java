package dev.springipc.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@link IpcObservation#SEND} observation; a bean of this type replaces
 * {@link DefaultIpcSenderObservationConvention}.
 */
public interface IpcSenderObservationConvention extends ObservationConvention<IpcSenderContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof IpcSenderContext;
    }

    @Override
    default String getName() {
        return "ipc.send";
    }
}
