package dev.springipc.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcWireCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.Message;

/**
 * Runs consumer threads that receive from one queue or FIFO and hand each message to a listener.
 * Each wait is bounded by the receive timeout, so a stop is prompt; a stop lets in-flight
 * messages finish (up to the shutdown timeout) before its callback runs. A failed message is
 * retried by the {@link RetryTemplate}, then offered to the error handler, then dead-lettered
 * or logged; the container keeps running whatever a message contains.
 */
public class IpcListenerContainer {

    private static final Log logger = LogFactory.getLog(IpcListenerContainer.class);

    private final String id;

    private final IpcDestination destination;

    private final IpcWireCodec codec;

    private final IpcMessageListener listener;

    private final RetryTemplate retryTemplate;

    private final @Nullable IpcListenerErrorHandler errorHandler;

    private final IpcDeadLetterRecoverer recoverer;

    private final int concurrency;

    private final Duration receiveTimeout;

    private final Duration shutdownTimeout;

    private final boolean autoStartup;

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong deadLettered = new AtomicLong();

    private final Object monitor = new Object();

    private volatile boolean running;

    private List<Thread> consumers = List.of();

    private IpcListenerObservation observation = IpcListenerObservation.NONE;

    IpcListenerContainer(String id, IpcDestination destination, IpcWireCodec codec, IpcMessageListener listener,
            RetryTemplate retryTemplate, @Nullable IpcListenerErrorHandler errorHandler,
            IpcDeadLetterRecoverer recoverer, int concurrency, Duration receiveTimeout, Duration shutdownTimeout,
            boolean autoStartup) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("Listener '" + id + "' on '" + destination.key()
                    + "': concurrency must be at least 1, was " + concurrency);
        }
        if (concurrency > 1 && destination.resource() instanceof IpcShmQueue ring && ring.singleConsumer()) {
            throw new IllegalArgumentException("Listener '" + id + "' on '" + destination.key() + "': the queue takes"
                    + " a single consumer (" + destination.propertyPath() + ".single-consumer), so concurrency must be 1,"
                    + " was " + concurrency + "; use concurrency 1, or a queue without single-consumer");
        }
        this.id = id;
        this.destination = destination;
        this.codec = codec;
        this.listener = listener;
        this.retryTemplate = retryTemplate;
        this.errorHandler = errorHandler;
        this.recoverer = recoverer;
        this.concurrency = concurrency;
        this.receiveTimeout = receiveTimeout;
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
        return this.concurrency;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public boolean isRunning() {
        return this.running;
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
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            this.running = true;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < this.concurrency; i++) {
                Thread thread = new Thread(this::consume, "ipc-listener-" + this.id + "-" + i);
                thread.setDaemon(false);
                threads.add(thread);
                thread.start();
            }
            this.consumers = threads;
        }
    }

    /** Stops and waits until in-flight messages are done (up to the shutdown timeout). */
    public void stop() {
        CountDownLatch done = new CountDownLatch(1);
        stop(done::countDown);
        try {
            done.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops receiving and runs {@code callback} once every consumer finished its in-flight
     * message, or the shutdown timeout passed and the rest were interrupted.
     */
    public void stop(Runnable callback) {
        List<Thread> threads;
        synchronized (this.monitor) {
            this.running = false;
            threads = this.consumers;
            this.consumers = List.of();
        }
        if (threads.isEmpty()) {
            callback.run();
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                awaitConsumers(threads);
            }
            finally {
                callback.run();
            }
        }, "ipc-listener-" + this.id + "-stop");
        stopper.start();
    }

    private void awaitConsumers(List<Thread> threads) {
        long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                logger.warn("Listener '" + this.id + "' did not finish its in-flight message within "
                        + this.shutdownTimeout + " (ipc.listener.shutdown-timeout); interrupting " + thread.getName());
                thread.interrupt();
            }
        }
    }

    private void consume() {
        while (this.running) {
            Optional<IpcMessage> next;
            try {
                next = this.destination.receive(this.receiveTimeout);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException ex) {
                if (!this.running) {
                    return;
                }
                logger.error("Listener '" + this.id + "' could not receive from '" + this.destination.key()
                        + "'; retrying in " + this.receiveTimeout, ex);
                pause();
                continue;
            }
            next.ifPresent(this::process);
        }
    }

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

    private void pause() {
        try {
            Thread.sleep(Math.max(1, this.receiveTimeout.toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "IpcListenerContainer[" + this.id + " on '" + this.destination.key() + "', concurrency "
                + this.concurrency + (this.running ? ", running]" : "]");
    }
}
