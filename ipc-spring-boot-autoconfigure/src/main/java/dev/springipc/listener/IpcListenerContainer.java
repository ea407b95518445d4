package dev.springipc.listener;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcReceiveLoop;
import dev.springipc.messaging.IpcWireCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.Message;

/**
 * Runs consumers that receive from one queue or FIFO and hand each message to a listener. The
 * threads and the receive loop are an {@link IpcReceiveLoop}'s: each wait is bounded by the
 * receive timeout, so a stop is prompt; a stop lets in-flight messages finish (up to the shutdown
 * timeout) before its callback runs. A failed message is retried by the {@link RetryTemplate},
 * then offered to the error handler, then to the {@link IpcMessageRecoverer} (by default: the
 * dead-letter destination, else a log line); the container keeps running whatever a message
 * contains.
 */
public class IpcListenerContainer {

    private final String id;

    private final IpcDestination destination;

    private final IpcWireCodec codec;

    private final IpcMessageListener listener;

    private final RetryTemplate retryTemplate;

    private final @Nullable IpcListenerErrorHandler errorHandler;

    private final IpcMessageRecoverer recoverer;

    private final IpcReceiveLoop loop;

    private final Duration shutdownTimeout;

    private final boolean autoStartup;

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong deadLettered = new AtomicLong();

    private IpcListenerObservation observation = IpcListenerObservation.NONE;

    IpcListenerContainer(String id, IpcDestination destination, IpcWireCodec codec, IpcMessageListener listener,
            RetryTemplate retryTemplate, @Nullable IpcListenerErrorHandler errorHandler,
            IpcMessageRecoverer recoverer, int concurrency, Duration receiveTimeout, Duration shutdownTimeout,
            boolean autoStartup, @Nullable Executor taskExecutor) {
        this.loop = IpcReceiveLoop.builder("Listener '" + id + "'", destination)
            .consumers(concurrency)
            .receiveTimeout(receiveTimeout)
            .recoveryInterval(receiveTimeout)
            .executor(taskExecutor)
            .threadNamePrefix("ipc-listener-" + id + "-")
            .handler(this::process)
            .build();
        this.id = id;
        this.destination = destination;
        this.codec = codec;
        this.listener = listener;
        this.retryTemplate = retryTemplate;
        this.errorHandler = errorHandler;
        this.recoverer = recoverer;
        this.shutdownTimeout = shutdownTimeout;
        this.autoStartup = autoStartup;
    }

    /** How this container's traffic and handling are observed; set before it starts. */
    void setObservation(IpcListenerObservation observation) {
        this.observation = observation;
    }

    public String getId() {
        return this.id;
    }

    /** Key of the queue or FIFO this container reads. */
    public String getKey() {
        return this.destination.key();
    }

    public int getConcurrency() {
        return this.loop.getConsumers();
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public boolean isRunning() {
        return this.loop.isRunning();
    }

    /** Messages received, whatever became of them. */
    public long getReceivedCount() {
        return this.received.get();
    }

    /** Messages that failed after their retries (dead-lettered, handled by the error handler, or logged). */
    public long getFailedCount() {
        return this.failed.get();
    }

    /** Failed messages sent to the dead-letter destination. */
    public long getDeadLetteredCount() {
        return this.deadLettered.get();
    }

    public void start() {
        this.loop.start();
    }

    /** Stops and waits until in-flight messages are done (up to the shutdown timeout). */
    public void stop() {
        this.loop.stop(this.shutdownTimeout);
    }

    /**
     * Stops receiving and runs {@code callback} once every consumer finished its in-flight
     * message, or the shutdown timeout ({@code ipc.listener.shutdown-timeout}) passed and the
     * rest were interrupted.
     */
    public void stop(Runnable callback) {
        this.loop.stop(this.shutdownTimeout, callback);
    }

    // One received message, on its consumer thread: decode, invoke with retry, then recover.
    private void process(IpcMessage original) {
        this.received.incrementAndGet();
        this.observation.traffic().received(this.destination, original.payload().length, this.id);
        Message<byte[]> message = null;
        try {
            message = this.codec.decode(original, this.destination);
            Message<byte[]> decoded = message;
            this.observation.observeReceive(this.destination, decoded, this.id, () -> this.retryTemplate.execute(() -> {
                this.listener.onMessage(decoded);
                return null;
            }));
        }
        catch (RetryException ex) {
            failed(original, message, ex.getLastException());
        }
        catch (RuntimeException | Error ex) {
            failed(original, message, ex);
        }
    }

    private void failed(IpcMessage original, @Nullable Message<byte[]> message, Throwable failure) {
        this.failed.incrementAndGet();
        this.observation.traffic().failed(this.destination, this.id);
        Throwable last = failure;
        if (this.errorHandler != null) {
            try {
                this.errorHandler.handleError(message, failure);
                return;
            }
            catch (Throwable ex) {
                last = ex;
            }
        }
        if (this.recoverer.recover(this.id, this.destination, original, last)) {
            this.deadLettered.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "IpcListenerContainer[" + this.id + " on '" + this.destination.key() + "', concurrency "
                + getConcurrency() + (isRunning() ? ", running]" : "]");
    }
}
