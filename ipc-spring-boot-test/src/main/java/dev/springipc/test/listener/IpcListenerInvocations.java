package dev.springipc.test.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded calls of one listener, in the order they finished, and a way to wait for them.
 */
public final class IpcListenerInvocations {

    private final String listenerId;

    private final List<IpcListenerInvocation> invocations = new ArrayList<>();

    IpcListenerInvocations(String listenerId) {
        this.listenerId = listenerId;
    }

    public String listenerId() {
        return this.listenerId;
    }

    /** The calls so far. */
    public synchronized List<IpcListenerInvocation> all() {
        return List.copyOf(this.invocations);
    }

    public synchronized int count() {
        return this.invocations.size();
    }

    /**
     * Waits until the listener has been called at least {@code count} times and returns the first
     * {@code count} calls.
     * @throws AssertionError if fewer calls finished within {@code timeout}, listing those that did
     */
    public synchronized List<IpcListenerInvocation> await(int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long left = timeout.toNanos(); this.invocations.size() < count && left > 0;
                    left = deadline - System.nanoTime()) {
                // wait(millis) with at least 1 ms: wait(0) would wait forever.
                wait(Math.max(1, left / 1_000_000));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for listener '" + this.listenerId + "'", ex);
        }
        if (this.invocations.size() < count) {
            throw new AssertionError("Listener '" + this.listenerId + "' was called " + this.invocations.size()
                    + " time(s) within " + timeout + ", expected at least " + count + "; calls: " + this.invocations);
        }
        return List.copyOf(this.invocations.subList(0, count));
    }

    synchronized void record(IpcListenerInvocation invocation) {
        this.invocations.add(invocation);
        notifyAll();
    }

    synchronized void clear() {
        this.invocations.clear();
    }

    @Override
    public synchronized String toString() {
        return "IpcListenerInvocations[" + this.listenerId + ", " + this.invocations.size() + " call(s)]";
    }
}
