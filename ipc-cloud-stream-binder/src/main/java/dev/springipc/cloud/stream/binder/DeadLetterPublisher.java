package dev.springipc.cloud.stream.binder;

import java.time.Duration;

import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Republishes a message that failed after its attempts to the group's dead-letter queue, as it
 * was received (payload and headers), plus the headers Rabbit's binder adds:
 * {@code x-exception-message}, {@code x-original-destination} and {@code x-original-group}.
 */
final class DeadLetterPublisher implements MessageHandler {

    /** The failure's message (of the innermost cause). */
    static final String EXCEPTION_MESSAGE = "x-exception-message";

    static final String ORIGINAL_DESTINATION = "x-original-destination";

    static final String ORIGINAL_GROUP = "x-original-group";

    private static final Log logger = LogFactory.getLog(DeadLetterPublisher.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final IpcConsumerDestination destination;

    private final IpcDestination deadLetters;

    private final BinderWireCodec codec;

    private final IpcTrafficObserver observer;

    DeadLetterPublisher(IpcConsumerDestination destination, IpcDestination deadLetters, BinderWireCodec codec,
            IpcTrafficObserver observer) {
        this.destination = destination;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.observer = observer;
    }

    @Override
    public void handleMessage(Message<?> message) throws MessagingException {
        if (!(message instanceof ErrorMessage error)) {
            return;
        }
        Message<?> failed = error.getOriginalMessage();
        if (failed == null && error.getPayload() instanceof MessagingException ex) {
            failed = ex.getFailedMessage();
        }
        if (failed == null || !(failed.getPayload() instanceof byte[] payload)) {
            logger.error("Cannot dead-letter a failure without the received message: " + error.getPayload());
            return;
        }
        Throwable cause = error.getPayload();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        Message<byte[]> dead = MessageBuilder.withPayload(payload)
            .copyHeaders(failed.getHeaders())
            .setHeader(EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()))
            .setHeader(ORIGINAL_DESTINATION, this.destination.destination())
            .setHeader(ORIGINAL_GROUP, this.destination.group())
            .build();
        byte[] wire = this.codec.encode(dead);
        try {
            if (!((IpcMessageQueue) this.deadLetters.resource()).trySend(wire, 0, SEND_TIMEOUT)) {
                this.observer.failed(this.deadLetters, null);
                throw new MessageDeliveryException(dead, "The dead-letter queue " + this.deadLetters.key()
                        + " stayed full for " + SEND_TIMEOUT + ": read or empty it");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MessageDeliveryException(dead, "Interrupted while dead-lettering to " + this.deadLetters.key(), ex);
        }
        this.observer.sent(this.deadLetters, wire.length);
    }
}
