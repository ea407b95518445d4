package dev.springipc.listener;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcDestinationResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The default {@link IpcMessageRecoverer}: a failed message's original bytes go, unchanged and
 * with the same priority or type, to the source's dead-letter destination; without one, or when
 * that send fails, the failure is logged. Either way the caller counts it.
 */
public class IpcDeadLetterRecoverer implements IpcMessageRecoverer {

    private static final Log logger = LogFactory.getLog(IpcDeadLetterRecoverer.class);

    private final IpcDestinationResolver destinations;

    public IpcDeadLetterRecoverer(IpcDestinationResolver destinations) {
        this.destinations = destinations;
    }

    /** Returns whether the message went to a dead-letter destination. */
    @Override
    public boolean recover(String listenerId, IpcDestination source, IpcMessage original, Throwable failure) {
        String deadLetter = source.deadLetter();
        if (deadLetter == null) {
            logger.error("Listener '" + listenerId + "' failed to process a message of " + original.payload().length
                    + " bytes from '" + source.key() + "'; it is dropped after this log line (set "
                    + source.propertyPath() + ".dead-letter to keep such messages)", failure);
            return false;
        }
        try {
            this.destinations.resolve(deadLetter).send(original.payload(), original.priority(), original.type());
            logger.warn("Listener '" + listenerId + "' failed to process a message from '" + source.key()
                    + "'; its " + original.payload().length + " original bytes went to dead-letter '" + deadLetter
                    + "': " + failure);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.error("Interrupted while dead-lettering a failed message from '" + source.key() + "' to '"
                    + deadLetter + "'; it is dropped", failure);
            return false;
        }
        catch (RuntimeException ex) {
            ex.addSuppressed(failure);
            logger.error("Listener '" + listenerId + "' failed to process a message from '" + source.key()
                    + "' and dead-lettering it to '" + deadLetter + "' failed too; it is dropped", ex);
            return false;
        }
    }
}
