package dev.springipc.messaging;

/**
 * Finds the queue or FIFO behind a key.
 */
@FunctionalInterface
public interface IpcDestinationResolver {

    /**
     * The destination of {@code key}.
     * @throws IllegalArgumentException naming the key and the fix when there is none
     */
    IpcDestination resolve(String key);

}
