package dev.springipc.core.support;

import java.util.concurrent.atomic.LongAdder;

import dev.springipc.core.IpcWaitStatistics;

/**
 * Counts the waits of one handle: two adders, touched only on the slow path of an acquisition
 * (after the attempt that would have succeeded without waiting failed), so the uncontended path
 * pays nothing.
 */
public final class WaitStatistics implements IpcWaitStatistics {

    private final LongAdder waits = new LongAdder();

    private final LongAdder waitedNanos = new LongAdder();

    /** Records a wait that started at {@code startNanos} ({@link System#nanoTime()}) and ends now. */
    public void record(long startNanos) {
        this.waits.increment();
        this.waitedNanos.add(System.nanoTime() - startNanos);
    }

    @Override
    public long waits() {
        return this.waits.sum();
    }

    @Override
    public long waitedNanos() {
        return this.waitedNanos.sum();
    }
}
