package dev.springipc.listener;

import org.jspecify.annotations.Nullable;

/**
 * A listener method succeeded but its reply could not be sent. Not retried, so the method is not
 * invoked again; the message goes on to the error handler and the dead-letter destination.
 */
public class IpcListenerReplyException extends RuntimeException {

    public IpcListenerReplyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Listener {@code id}'s reply failed with {@code failure}: the one wording of both reply paths. */
    static IpcListenerReplyException of(String id, RuntimeException failure) {
        return new IpcListenerReplyException("Listener '" + id + "' could not send its reply: " + failure.getMessage(),
                failure);
    }

    /** A value returned for a request from {@code from} with no reply-to and no {@code @SendTo}. */
    static IllegalStateException noReplyTarget(String id, @Nullable Object from) {
        return new IllegalStateException("Listener '" + id + "' returned a value but the request from '" + from
                + "' has no reply-to header and the method has no @SendTo: add @SendTo(\"key\") or return void");
    }

}
