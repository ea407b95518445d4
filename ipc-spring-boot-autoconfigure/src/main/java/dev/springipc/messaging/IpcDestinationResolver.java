package dev.springipc.messaging;

import org.springframework.messaging.core.DestinationResolutionException;
import org.springframework.messaging.core.DestinationResolver;

/**
 * Finds the queue, FIFO or pipe behind a key: spring-messaging's {@link DestinationResolver} for
 * {@link IpcDestination}s.
 */
@FunctionalInterface
public interface IpcDestinationResolver extends DestinationResolver<IpcDestination> {

    /**
     * The destination of {@code key}.
     * @throws IllegalArgumentException naming the key and the fix when there is none
     */
    IpcDestination resolve(String key);

    /**
     * {@link #resolve(String)} for spring-messaging callers.
     * @throws DestinationResolutionException naming the key and the fix when there is none
     */
    @Override
    default IpcDestination resolveDestination(String name) {
        try {
            return resolve(name);
        }
        catch (IllegalArgumentException ex) {
            throw new DestinationResolutionException(ex.getMessage(), ex);
        }
    }

}
