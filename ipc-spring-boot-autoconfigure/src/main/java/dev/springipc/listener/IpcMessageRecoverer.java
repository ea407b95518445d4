package dev.springipc.listener;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;

/**
 * The last stop of a message a listener failed to process after its retries and error handler.
 * The default, {@link IpcDeadLetterRecoverer}, sends the original bytes to the source's
 * dead-letter destination; define a bean of this type to replace it (in the auto-configuration
 * its name is {@code ipcMessageRecoverer}). It must not throw.
 */
@FunctionalInterface
public interface IpcMessageRecoverer {

    /**
     * @param listenerId the container id
     * @param source where the message came from
     * @param original the message exactly as received
     * @param failure what the last attempt (or the error handler) threw
     * @return whether the message went to a dead-letter destination (counted by the container)
     */
    boolean recover(String listenerId, IpcDestination source, IpcMessage original, Throwable failure);

}
