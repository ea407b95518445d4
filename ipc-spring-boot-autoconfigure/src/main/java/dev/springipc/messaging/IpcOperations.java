package dev.springipc.messaging;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * What {@link IpcTemplate} does: send and receive Spring messages over the queues, FIFOs and
 * pipes declared under {@code ipc.*}, by key. Depend on this interface to replace or mock the
 * template. The receiving methods return {@code null} on timeout, as Spring's templates do.
 */
public interface IpcOperations {

    /** Sends {@code message} to the default destination ({@code ipc.template.default-destination}). */
    void send(Message<?> message);

    /**
     * Sends {@code message} to {@code key}: a {@code byte[]} payload as is, any other payload
     * converted first. Headers {@link IpcHeaders#PRIORITY} and {@link IpcHeaders#TYPE} set the
     * POSIX priority and System V type.
     */
    void send(String key, Message<?> message);

    /** Sends {@code message} to {@code destination}, as {@link #send(String, Message)} does. */
    void send(IpcDestination destination, Message<?> message);

    /** Converts {@code payload} and sends it to the default destination. */
    void convertAndSend(Object payload);

    /** Converts {@code payload} and sends it to {@code key}. */
    void convertAndSend(String key, Object payload);

    /** Converts {@code payload} and sends it to {@code key} with {@code headers}. */
    void convertAndSend(String key, Object payload, Map<String, ?> headers);

    /** Receives from the default destination, waiting at most the receive timeout; null if none came. */
    @Nullable Message<byte[]> receive();

    /**
     * Receives the next message from {@code key}, waiting at most {@code timeout}: payload
     * {@code byte[]}, headers from the envelope (if any) and {@link IpcHeaders}. Null on timeout.
     */
    @Nullable Message<byte[]> receive(String key, Duration timeout);

    /** Receives from {@code key} and converts the payload to {@code type}; null on timeout. */
    <T> @Nullable T receiveAndConvert(String key, Class<T> type, Duration timeout);

    /**
     * Sends {@code request} to {@code key} with a new correlation id and the reply queue
     * ({@code ipc.template.reply-queue}, else a temporary reply queue) as reply-to, then waits at most {@code timeout} for the
     * reply with that correlation id and converts it to {@code replyType}; null on timeout.
     */
    <T> @Nullable T convertSendAndReceive(String key, Object request, Class<T> replyType, Duration timeout);

    /**
     * Sends {@code request} to {@code requests} with a new correlation id and {@code replies} as
     * reply-to, then waits at most {@code timeout} for the reply with that correlation id; null on
     * timeout. Both destinations need the envelope wire format.
     */
    @Nullable Message<byte[]> sendAndReceive(IpcDestination requests, IpcDestination replies, Message<?> request,
            Duration timeout);

}
