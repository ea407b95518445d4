package dev.springipc.core.reliability;

import java.time.Duration;

import dev.springipc.core.IpcMessageQueue;

/**
 * Sends numbered messages of one producer id on its own thread until stopped: the test side of
 * a consumer-kill round. {@link #stop()} says how many sends returned true (were committed).
 */
final class Sender {

    private final IpcMessageQueue queue;

    private final int producer;

    private final Thread thread;

    private volatile boolean stopped;

    private volatile int sent;

    private volatile Throwable failure;

    private Sender(IpcMessageQueue queue, int producer) {
        this.queue = queue;
        this.producer = producer;
        this.thread = new Thread(this::run, "kill-loop-sender");
        this.thread.start();
    }

    static Sender start(IpcMessageQueue queue, int producer) {
        return new Sender(queue, producer);
    }

    private void run() {
        try {
            // Type 1: a System V queue takes no type 0. A timed send, so that a stop is seen while the queue is full (its consumer dead).
            while (!this.stopped) {
                if (this.queue.trySend(TestMessage.payload(this.producer, this.sent), 1, Duration.ofMillis(20))) {
                    this.sent++;
                }
            }
        }
        catch (Throwable ex) {
            this.failure = ex;
        }
    }

    /** Stops, waits for the thread to end, and returns the number of messages committed. */
    int stop() throws InterruptedException {
        this.stopped = true;
        this.thread.join(Duration.ofSeconds(10).toMillis());
        if (this.thread.isAlive()) {
            throw new AssertionError("The sender did not stop: trySend(20 ms) hangs");
        }
        if (this.failure != null) {
            throw new AssertionError("The sender failed", this.failure);
        }
        return this.sent;
    }
}
