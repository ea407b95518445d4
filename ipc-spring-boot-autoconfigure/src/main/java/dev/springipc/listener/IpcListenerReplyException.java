package dev.springipc.listener;

/**
 * A listener method succeeded but its reply could not be sent. Not retried, so the method is not
 * invoked again; the message goes on to the error handler and the dead-letter destination.
 */
public class IpcListenerReplyException extends RuntimeException {

    public IpcListenerReplyException(String message, Throwable cause) {
        super(message, cause);
    }

}
