package dev.springipc.listener;

import org.springframework.messaging.Message;

/**
 * Handles a message a listener failed to process after its retries. Returning normally means
 * handled (nothing is dead-lettered); throwing passes the failure on to the dead-letter
 * destination, or to logging and the failure count.
 */
@FunctionalInterface
public interface IpcListenerErrorHandler {

    /**
     * @param message the received message (payload {@code byte[]}; the exact received bytes are
     * in header {@link dev.springipc.messaging.IpcHeaders#RAW_MESSAGE}); {@code null} when even
     * the envelope could not be decoded
     * @param failure what the last attempt threw
     */
    void handleError(@org.jspecify.annotations.Nullable Message<byte[]> message, Throwable failure) throws Exception;

}
