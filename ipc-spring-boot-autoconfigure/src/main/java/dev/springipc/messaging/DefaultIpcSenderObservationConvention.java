package dev.springipc.messaging;

import io.micrometer.common.KeyValues;

import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.KIND;
import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.MESSAGING_SYSTEM;
import static dev.springipc.messaging.IpcObservation.LowCardinalityKeyNames.RESOURCE;

/**
 * The default {@link IpcSenderObservationConvention}: name {@code ipc.send}, contextual name
 * {@code <key> send}, low-cardinality keys {@code ipc.resource}, {@code ipc.kind} and
 * {@code messaging.system=ipc}.
 */
public class DefaultIpcSenderObservationConvention implements IpcSenderObservationConvention {

    /** A shared instance. */
    public static final DefaultIpcSenderObservationConvention INSTANCE = new DefaultIpcSenderObservationConvention();

    @Override
    public String getContextualName(IpcSenderContext context) {
        return context.getDestination().key() + " send";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(IpcSenderContext context) {
        return KeyValues.of(RESOURCE.withValue(context.getDestination().key()),
                KIND.withValue(IpcDestinationKinds.kind(context.getDestination())), MESSAGING_SYSTEM.withValue("ipc"));
    }
}
