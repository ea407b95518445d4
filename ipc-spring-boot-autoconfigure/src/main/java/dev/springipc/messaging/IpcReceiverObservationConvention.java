package dev.springipc.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@link IpcObservation#RECEIVE} observation; a bean of this type replaces
 * {@link DefaultIpcReceiverObservationConvention}.
 */
public interface IpcReceiverObservationConvention extends ObservationConvention<IpcReceiverContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof IpcReceiverContext;
    }

    @Override
    default String getName() {
        return "ipc.receive";
    }
}
