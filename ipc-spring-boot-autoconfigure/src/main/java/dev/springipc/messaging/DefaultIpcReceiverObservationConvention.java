package dev.springipc.messaging;

import io.micrometer.common.KeyValues;

import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.KIND;
import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.MESSAGING_SYSTEM;
import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.RESOURCE;

/**
 * The default {@link IpcReceiverObservationConvention}: name {@code ipc.receive}, contextual
 * name {@code <key> receive}, low-cardinality keys {@code ipc.resource}, {@code ipc.kind} and
 * {@code messaging.system=ipc}; high-cardinality key {@code ipc.listener.id}.
 */
public class DefaultIpcReceiverObservationConvention implements IpcReceiverObservationConvention {

    /** A shared instance. */
    public static final DefaultIpcReceiverObservationConvention INSTANCE = new DefaultIpcReceiverObservationConvention();

    @Override
    public String getContextualName(IpcReceiverContext context) {
        return context.getDestination().key() + " receive";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(IpcReceiverContext context) {
        return KeyValues.of(RESOURCE.withValue(context.getDestination().key()),
                KIND.withValue(IpcDestinationKinds.kind(context.getDestination())), MESSAGING_SYSTEM.withValue("ipc"));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(IpcReceiverContext context) {
        return KeyValues.of("ipc.listener.id", context.getListenerId());
    }
}
