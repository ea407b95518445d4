package dev.springipc.core.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcTimeoutException;

/**
 * Sends numbered messages of one producer id on its own thread until stopped, or until it has
 * committed as many as its limit (the consumer's ledger has room for no more; the thread then
 * idles until stopped): the test side of a consumer-kill round. {@link #stop()} says how many sends were committed (returned true, or,
 * on a stream, returned). On a stream (FIFO) a send that finds the reader gone fails with
 * {@link IpcPeerGoneException}; the sender notes when, and how many had been committed by then,
 * and sends the same message again, which waits for a new reader. A pause stops the sending
 * without ending the thread, so that a kill finds no send under way.
 */
final class Sender {

    /** How long one send to a queue may wait, so that a stop is seen while the consumer is dead. */
    private static final Duration ATTEMPT = Duration.ofMillis(20);

    private final IpcChannel channel;

    private final int producer;

    private final int limit;

    private final Thread thread;

    private final List<PeerGone> peersGone = new ArrayList<>();

    private volatile boolean stopped;

    private volatile boolean pauseAsked;

    private volatile boolean paused;

    private volatile int sent;

    private volatile Throwable failure;

    /** A send that failed because the reader had gone: when, and how many were committed before it. */
    record PeerGone(long atNanos, int committed) {
    }

    private Sender(IpcChannel channel, int producer, int limit) {
        this.channel = channel;
        this.producer = producer;
        this.limit = limit;
        this.thread = new Thread(this::run, "kill-loop-sender");
        this.thread.start();
    }

    /** Starts sending; {@code limit}: the most messages it commits. */
    static Sender start(IpcChannel channel, int producer, int limit) {
        return new Sender(channel, producer, limit);
    }

    private void run() {
        try {
            while (!this.stopped) {
                if (this.pauseAsked || this.sent == this.limit) {
                    this.paused = true;
                    Thread.sleep(1);
                    continue;
                }
                if (sendOnce(TestMessage.payload(this.producer, this.sent))) {
                    this.sent++;
                }
            }
        }
        catch (Throwable ex) {
            this.failure = ex;
        }
    }

    private boolean sendOnce(byte[] payload) throws InterruptedException {
        if (this.channel instanceof IpcMessageQueue queue) {
            // Type 1: a System V queue takes no type 0.
            return queue.trySend(payload, 1, ATTEMPT);
        }
        try {
            this.channel.send(payload);
            return true;
        }
        catch (IpcPeerGoneException ex) {
            synchronized (this.peersGone) {
                this.peersGone.add(new PeerGone(System.nanoTime(), this.sent));
            }
            return false;
        }
        catch (IpcTimeoutException ex) {
            // No reader within the send timeout: try again, unless stopped.
            return false;
        }
    }

    /** Stops sending, and waits until no send is under way; fails if one still is after {@code timeout}. */
    void pause(Duration timeout) throws InterruptedException {
        this.pauseAsked = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!this.paused) {
            if (System.nanoTime() > deadline || this.failure != null) {
                throw new AssertionError("The sender did not pause within " + timeout + ": a send hangs",
                        this.failure);
            }
            Thread.sleep(1);
        }
    }

    /** The sends that found the reader gone, so far. */
    List<PeerGone> peersGone() {
        synchronized (this.peersGone) {
            return List.copyOf(this.peersGone);
        }
    }

    /** Waits until a send has found the reader gone; fails if none did within {@code timeout}. */
    PeerGone awaitPeerGone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (peersGone().isEmpty()) {
            if (System.nanoTime() > deadline || this.failure != null) {
                throw new AssertionError("No send saw the reader gone within " + timeout + ": the writer hangs",
                        this.failure);
            }
            Thread.sleep(1);
        }
        return peersGone().get(0);
    }

    /** Stops, waits for the thread to end, and returns the number of messages committed. */
    int stop() throws InterruptedException {
        this.stopped = true;
        this.thread.join(Duration.ofSeconds(10).toMillis());
        if (this.thread.isAlive()) {
            throw new AssertionError("The sender did not stop: a send hangs");
        }
        if (this.failure != null) {
            throw new AssertionError("The sender failed", this.failure);
        }
        return this.sent;
    }
}
