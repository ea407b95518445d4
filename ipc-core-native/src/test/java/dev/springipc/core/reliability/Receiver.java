package dev.springipc.core.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessage;

/**
 * Receives from a channel on its own thread, keeping every message, until stopped: the test
 * side of a kill round. It notes when the first message came and when the probe (a message of
 * producer {@link TestMessage#PROBE}) came.
 */
final class Receiver implements AutoCloseable {

    private final IpcChannel channel;

    private final Thread thread;

    private final List<TestMessage> received = new ArrayList<>();

    private final CompletableFuture<Long> probeArrival = new CompletableFuture<>();

    private volatile boolean stopped;

    private volatile long firstArrival;

    private volatile long lastArrival = System.nanoTime();

    private volatile Throwable failure;

    private Receiver(IpcChannel channel) {
        this.channel = channel;
        this.thread = new Thread(this::run, "kill-loop-receiver");
        this.thread.start();
    }

    static Receiver start(IpcChannel channel) {
        return new Receiver(channel);
    }

    private void run() {
        try {
            while (!this.stopped) {
                Optional<IpcMessage> message = this.channel.receive(Duration.ofMillis(20));
                if (message.isEmpty()) {
                    continue;
                }
                TestMessage decoded = TestMessage.of(message.get());
                long now = System.nanoTime();
                this.lastArrival = now;
                if (this.firstArrival == 0) {
                    this.firstArrival = now;
                }
                if (decoded.producer() == TestMessage.PROBE) {
                    this.probeArrival.complete(now);
                }
                else {
                    synchronized (this.received) {
                        this.received.add(decoded);
                    }
                }
            }
        }
        catch (Throwable ex) {
            this.failure = ex;
            this.probeArrival.completeExceptionally(ex);
        }
    }

    /** When ({@link System#nanoTime()}) the probe arrived; fails if not within {@code timeout}. */
    long awaitProbe(Duration timeout) throws Exception {
        try {
            return this.probeArrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new AssertionError("The probe did not arrive within " + timeout + ": the queue hangs", ex);
        }
    }

    /** Waits until nothing has come for {@code quiet}, at most {@code timeout}. */
    void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - this.lastArrival < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Messages still arrive after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** When the first message arrived, or 0. */
    long firstArrival() {
        return this.firstArrival;
    }

    /** Stops, waits for the thread to end, and returns what came (the probe left out). */
    List<TestMessage> stop() throws InterruptedException {
        this.stopped = true;
        this.thread.join(Duration.ofSeconds(10).toMillis());
        if (this.thread.isAlive()) {
            throw new AssertionError("The receiver did not stop: receive(20 ms) hangs");
        }
        if (this.failure != null) {
            throw new AssertionError("The receiver failed", this.failure);
        }
        synchronized (this.received) {
            return List.copyOf(this.received);
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.stopped = true;
        this.thread.join(Duration.ofSeconds(10).toMillis());
    }
}
