package dev.springipc.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcShmQueue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The receive loop shared by {@code @IpcListener} containers and the Spring Integration inbound
 * adapter: {@code consumers} long-running tasks, each receiving from one destination on one thread
 * for its whole life, every wait bounded by the receive timeout (so a stop is prompt), a pause
 * after a failed receive, and a stop that lets in-flight messages finish before its callback runs.
 * <p>
 * Threads come from an {@link Executor} (a Spring {@code TaskExecutor}, say); by default each
 * consumer gets a new platform thread named {@code <threadNamePrefix><n>}. A consumer task never
 * returns while the loop runs, so an executor needs a thread per consumer (a pool with fewer
 * threads leaves the others queued); a single-consumer shm queue needs exactly that, since it
 * belongs to the thread that consumes it.
 */
public final class IpcReceiveLoop {

    private static final Log logger = LogFactory.getLog(IpcReceiveLoop.class);

    private static final long PAUSE_SLICE_MILLIS = 100;

    private final String name;

    private final IpcDestination destination;

    private final Consumer<IpcMessage> handler;

    private final @Nullable Supplier<IpcMessageHandler> inPlaceHandlers;

    private final int inPlaceLimit;

    private final int consumers;

    private final Duration receiveTimeout;

    private final Duration recoveryInterval;

    private final Executor executor;

    private final Set<Thread> active = ConcurrentHashMap.newKeySet();

    private final Object monitor = new Object();

    private volatile boolean running;

    private @Nullable CountDownLatch exited;

    private IpcReceiveLoop(Builder builder) {
        this.name = builder.name;
        this.destination = builder.destination;
        this.handler = Objects.requireNonNull(builder.handler, "handler");
        this.inPlaceHandlers = (builder.destination.resource() instanceof IpcShmQueue) ? builder.inPlaceHandlers : null;
        this.inPlaceLimit = builder.inPlaceLimit;
        this.consumers = builder.consumers;
        this.receiveTimeout = builder.receiveTimeout;
        this.recoveryInterval = builder.recoveryInterval;
        this.executor = (builder.executor != null) ? builder.executor
                : new SimpleAsyncTaskExecutor(builder.threadNamePrefix);
    }

    /**
     * A loop named {@code name} (in log lines) over {@code destination}.
     * @throws IllegalArgumentException when more than one consumer is asked of a single-consumer shm queue
     */
    public static Builder builder(String name, IpcDestination destination) {
        return new Builder(name, destination);
    }

    public IpcDestination getDestination() {
        return this.destination;
    }

    public int getConsumers() {
        return this.consumers;
    }

    public boolean isRunning() {
        return this.running;
    }

    /** Starts the consumers; does nothing when running. */
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            this.running = true;
            CountDownLatch latch = new CountDownLatch(this.consumers);
            this.exited = latch;
            for (int i = 0; i < this.consumers; i++) {
                try {
                    this.executor.execute(() -> consume(latch));
                }
                catch (RuntimeException ex) {
                    this.running = false;
                    for (int left = i; left < this.consumers; left++) {
                        latch.countDown();
                    }
                    throw new IllegalStateException(this.name + " could not start consumer " + (i + 1) + " of "
                            + this.consumers + ": its executor refused the task (it needs a thread per consumer)", ex);
                }
            }
        }
    }

    /**
     * Stops receiving and runs {@code callback} once every consumer finished its in-flight
     * message, or {@code shutdownTimeout} passed and the rest were interrupted.
     */
    public void stop(Duration shutdownTimeout, Runnable callback) {
        CountDownLatch latch;
        synchronized (this.monitor) {
            this.running = false;
            latch = this.exited;
            this.exited = null;
        }
        if (latch == null || latch.getCount() == 0) {
            callback.run();
            return;
        }
        // A thread of its own, not the executor's: a bounded executor may have none to spare.
        Thread stopper = new Thread(() -> {
            try {
                awaitConsumers(latch, shutdownTimeout);
            }
            finally {
                callback.run();
            }
        }, this.name + " stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Stops and waits until the in-flight messages are done (up to {@code shutdownTimeout}). */
    public void stop(Duration shutdownTimeout) {
        CountDownLatch done = new CountDownLatch(1);
        stop(shutdownTimeout, done::countDown);
        if (this.active.contains(Thread.currentThread())) {
            return; // stopped from a consumer of this loop (a handler): waiting would wait for itself
        }
        try {
            done.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitConsumers(CountDownLatch latch, Duration shutdownTimeout) {
        try {
            if (latch.await(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (Thread thread : this.active) {
            logger.warn(this.name + " did not finish its in-flight message within " + shutdownTimeout
                    + "; interrupting " + thread.getName());
            thread.interrupt();
        }
    }

    private void consume(CountDownLatch exited) {
        Thread current = Thread.currentThread();
        this.active.add(current);
        try {
            Supplier<IpcMessageHandler> inPlace = this.inPlaceHandlers;
            if (inPlace != null) {
                consumeInPlace((IpcShmQueue) this.destination.resource(), inPlace.get());
                return;
            }
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
                    if (this.running) {
                        if (brokenForGood(ex)) {
                            return;
                        }
                        logger.error(this.name + " could not receive from '" + this.destination.key()
                                + "'; retrying in " + this.recoveryInterval, ex);
                        pause();
                    }
                    continue;
                }
                // A message taken off the queue is handled even if a stop came meanwhile.
                next.ifPresent(this.handler);
            }
        }
        catch (InternalError ex) {
            // HotSpot raises the fault of an access to a truncated ring after the access, so it
            // can surface here, past the receive that would have named it.
            if (!brokenForGood(ex)) {
                throw ex;
            }
        }
        finally {
            this.active.remove(current);
            exited.countDown();
        }
    }

    // The same loop as above over the ring's in-place receive: no IpcMessage, no copy, no Optional.
    private void consumeInPlace(IpcShmQueue ring, IpcMessageHandler handler) {
        // After a stop, the message in hand is the last: throwing after it leaves the rest of the
        // batch in the ring (a handler that throws consumes only its own message).
        IpcMessageHandler lastAfterStop = (buffer, offset, length, tag) -> {
            handler.onMessage(buffer, offset, length, tag);
            if (!this.running) {
                throw StoppedWhileReceiving.INSTANCE;
            }
        };
        while (this.running) {
            try {
                ring.receive(lastAfterStop, this.inPlaceLimit, this.receiveTimeout);
            }
            catch (StoppedWhileReceiving ex) {
                return;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException | InternalError ex) {
                if (this.running) {
                    if (brokenForGood(ex)) {
                        return;
                    }
                    if (ex instanceof InternalError fault) {
                        throw fault;
                    }
                    logger.error(this.name + " could not receive from '" + this.destination.key()
                            + "'; retrying in " + this.recoveryInterval, ex);
                    pause();
                }
            }
        }
    }

    /**
     * After a failed receive: whether another process truncated or overwrote the destination's
     * object. Every later access would fail again, and an atomic one on a truncated ring kills
     * the JVM, so this consumer stops, saying so once; health reports the object DOWN.
     */
    private boolean brokenForGood(Throwable failure) {
        IpcResourceStatus status = this.destination.resource().check();
        if (status.state() != IpcResourceStatus.State.TRUNCATED && status.state() != IpcResourceStatus.State.CORRUPT) {
            return false;
        }
        logger.error(this.name + " stopped receiving from '" + this.destination.key() + "': " + status.detail()
                + ". Remove and recreate the object, then restart the application", failure);
        return true;
    }

    private void pause() {
        long until = System.nanoTime() + this.recoveryInterval.toNanos();
        while (this.running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(PAUSE_SLICE_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends an in-place batch after a stop; carries no stack trace (it is control flow, thrown at most once per stop). */
    private static final class StoppedWhileReceiving extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final StoppedWhileReceiving INSTANCE = new StoppedWhileReceiving();

        private StoppedWhileReceiving() {
            super("stopped", null, false, false);
        }
    }

    @Override
    public String toString() {
        return "IpcReceiveLoop[" + this.name + " on '" + this.destination.key() + "', " + this.consumers
                + " consumers" + (this.running ? ", running]" : "]");
    }

    /** Builds an {@link IpcReceiveLoop}. */
    public static final class Builder {

        private final String name;

        private final IpcDestination destination;

        private @Nullable Consumer<IpcMessage> handler;

        private @Nullable Supplier<IpcMessageHandler> inPlaceHandlers;

        private int inPlaceLimit = 1;

        private int consumers = 1;

        private Duration receiveTimeout = Duration.ofSeconds(1);

        private Duration recoveryInterval = Duration.ofSeconds(1);

        private @Nullable Executor executor;

        private String threadNamePrefix;

        private Builder(String name, IpcDestination destination) {
            this.name = Objects.requireNonNull(name, "name");
            this.destination = Objects.requireNonNull(destination, "destination");
            this.threadNamePrefix = "ipc-" + destination.key() + "-";
        }

        /** What each received message goes to; it runs on the consumer thread and must not throw. */
        public Builder handler(Consumer<IpcMessage> handler) {
            this.handler = handler;
            return this;
        }

        /**
         * On a shm queue, each consumer takes one handler from {@code perConsumer} and receives
         * into it in place, up to {@code limit} messages per wait ({@link IpcShmQueue#receive(IpcMessageHandler, int, Duration)});
         * the handler must not throw. After a stop the message in hand is the last one handled;
         * the rest of a batch stays queued. Other destinations use {@link #handler} alone.
         */
        public Builder inPlaceHandler(Supplier<IpcMessageHandler> perConsumer, int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
            this.inPlaceHandlers = Objects.requireNonNull(perConsumer, "perConsumer");
            this.inPlaceLimit = limit;
            return this;
        }

        /** Consumer threads; default 1. */
        public Builder consumers(int consumers) {
            if (consumers < 1) {
                throw new IllegalArgumentException(this.name + " on '" + this.destination.key()
                        + "': concurrency must be at least 1, was " + consumers);
            }
            if (consumers > 1 && this.destination.resource() instanceof IpcShmQueue ring && ring.singleConsumer()) {
                throw new IllegalArgumentException(this.name + " on '" + this.destination.key() + "': the queue"
                        + " takes a single consumer (" + this.destination.propertyPath() + ".single-consumer), so"
                        + " concurrency must be 1, was " + consumers
                        + "; use concurrency 1, or a queue without single-consumer");
            }
            this.consumers = consumers;
            return this;
        }

        /** Longest single wait for a message; bounds how long a stop takes. Default 1 s. */
        public Builder receiveTimeout(Duration receiveTimeout) {
            this.receiveTimeout = Objects.requireNonNull(receiveTimeout, "receiveTimeout");
            return this;
        }

        /** The pause after a failed receive (the resource went away, say). Default 1 s. */
        public Builder recoveryInterval(Duration recoveryInterval) {
            this.recoveryInterval = Objects.requireNonNull(recoveryInterval, "recoveryInterval");
            return this;
        }

        /** Where consumer tasks run; default: a new platform thread each, named by the prefix. */
        public Builder executor(@Nullable Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Name prefix of the default threads; default {@code ipc-<key>-}. */
        public Builder threadNamePrefix(String threadNamePrefix) {
            this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
            return this;
        }

        public IpcReceiveLoop build() {
            return new IpcReceiveLoop(this);
        }
    }
}
