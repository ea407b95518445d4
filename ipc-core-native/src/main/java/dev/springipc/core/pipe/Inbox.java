package dev.springipc.core.pipe;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.support.Waits;
import org.jspecify.annotations.Nullable;

/**
 * What the stdout readers of successive children hand to {@code receive}: messages, and errors
 * met while decoding (an oversized frame), in the order they happened. Bounded, so a child that
 * writes faster than the application receives is slowed down by its full pipe, not by the heap.
 */
final class Inbox {

    static final int CAPACITY = 1024;

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>(CAPACITY);

    /** Waits for room; the reader thread calling it is interrupted when the pipe closes. */
    void put(IpcMessage message) throws InterruptedException {
        this.items.put(message);
    }

    void put(IpcException error) throws InterruptedException {
        this.items.put(error);
    }

    /** The next message, or null if none arrives within {@code timeout}; rethrows a queued error. */
    @Nullable IpcMessage poll(Duration timeout) throws InterruptedException {
        Object item = this.items.poll(Waits.toNanos(timeout), TimeUnit.NANOSECONDS);
        if (item instanceof IpcException error) {
            throw error;
        }
        return (IpcMessage) item;
    }

    boolean isEmpty() {
        return this.items.isEmpty();
    }
}
