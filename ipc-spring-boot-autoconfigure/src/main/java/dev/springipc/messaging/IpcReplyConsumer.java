package dev.springipc.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.Message;

/**
 * The one consumer of a reply destination of {@link IpcTemplate}: a single
 * {@link IpcReceiveLoop} thread takes every reply off the destination and hands it to the
 * caller waiting for its correlation id, so many requests are in flight together (as the reply
 * listener container of Spring AMQP does). A reply nobody waits for is dropped and counted:
 * late when its correlation id is one of this template's (its caller timed out), misrouted when
 * it belongs to another requester (instances of one application claim a declared reply queue,
 * so that is a bug, or a process that is no such instance uses the queue).
 */
final class IpcReplyConsumer {

    private static final Log logger = LogFactory.getLog(IpcReplyConsumer.class);

    /** Bounds how long a stop waits for the consumer thread. */
    private static final Duration RECEIVE_SLICE = Duration.ofMillis(250);

    private final IpcDestination replies;

    private final String correlationPrefix;

    private final IpcWireCodec codec;

    private final IpcTrafficObserver trafficObserver;

    private final AtomicLong lateReplies;

    private final AtomicLong misroutedReplies;

    private final Map<String, CompletableFuture<Message<byte[]>>> waiting = new ConcurrentHashMap<>();

    private final IpcReceiveLoop loop;

    private volatile @Nullable RuntimeException stopped;

    IpcReplyConsumer(IpcDestination replies, String correlationPrefix, IpcWireCodec codec,
            IpcTrafficObserver trafficObserver, AtomicLong lateReplies, AtomicLong misroutedReplies) {
        this.replies = replies;
        this.correlationPrefix = correlationPrefix;
        this.codec = codec;
        this.trafficObserver = trafficObserver;
        this.lateReplies = lateReplies;
        this.misroutedReplies = misroutedReplies;
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ipc-replies-" + replies.key() + "-");
        executor.setDaemon(true); // a template nobody closes must not keep the JVM alive
        this.loop = IpcReceiveLoop.builder("Reply consumer of IpcTemplate", replies)
            .handler(this::handle)
            .receiveTimeout(RECEIVE_SLICE)
            .executor(executor)
            .build();
        this.loop.start();
    }

    IpcDestination destination() {
        return this.replies;
    }

    /** Registers a caller for {@code correlationId}; call before sending the request. */
    CompletableFuture<Message<byte[]>> expect(String correlationId) {
        CompletableFuture<Message<byte[]>> reply = new CompletableFuture<>();
        this.waiting.put(correlationId, reply);
        RuntimeException reason = this.stopped;
        if (reason != null && this.waiting.remove(correlationId, reply)) {
            reply.completeExceptionally(reason); // stopped while this caller registered
        }
        return reply;
    }

    /**
     * The caller of {@code correlationId} gives up (timeout, interrupt, failed send); returns
     * false when its reply was taken meanwhile, which {@code reply} then completes with.
     */
    boolean forget(String correlationId, CompletableFuture<Message<byte[]>> reply) {
        return this.waiting.remove(correlationId, reply);
    }

    /** Stops the consumer and fails every waiting caller with {@code reason}. */
    void stop(Duration shutdownTimeout, RuntimeException reason) {
        this.stopped = reason;
        this.loop.stop(shutdownTimeout);
        this.waiting.forEach((id, reply) -> {
            if (this.waiting.remove(id, reply)) {
                reply.completeExceptionally(reason);
            }
        });
    }

    private void handle(IpcMessage received) {
        this.trafficObserver.received(this.replies, received.payload().length, null);
        Message<byte[]> reply;
        try {
            reply = this.codec.decode(received, this.replies);
        }
        catch (RuntimeException ex) {
            logger.error("Dropping an undecodable reply on '" + this.replies.key() + "'", ex);
            return;
        }
        Object id = reply.getHeaders().get(IpcHeaders.CORRELATION_ID);
        CompletableFuture<Message<byte[]>> caller = (id != null) ? this.waiting.remove(id.toString()) : null;
        if (caller != null) {
            caller.complete(reply);
        }
        else if (id != null && id.toString().startsWith(this.correlationPrefix)) {
            this.lateReplies.incrementAndGet();
            this.trafficObserver.lateReply(this.replies);
            logger.warn("Dropping a late reply on '" + this.replies.key() + "' with correlation id " + id
                    + ": its caller timed out");
        }
        else {
            this.misroutedReplies.incrementAndGet();
            logger.error("Dropping a reply on '" + this.replies.key() + "' with correlation id " + id
                    + " that another requester asked for: a bug, replies reached the wrong instance (instances of"
                    + " one application claim a declared reply queue, so another process that is no such instance"
                    + " reads or writes it; use a temporary reply queue, or a reply queue of its own per application)");
        }
    }
}
