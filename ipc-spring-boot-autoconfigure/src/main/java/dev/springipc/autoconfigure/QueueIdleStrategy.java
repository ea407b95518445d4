package dev.springipc.autoconfigure;

import dev.springipc.core.IpcIdleStrategy;

/**
 * How a receiver of a {@code type: shm} queue waits while it is empty; see {@link IpcIdleStrategy}.
 */
public enum QueueIdleStrategy {

    /** Spin, then yield, then sleep until a producer wakes it (the default). */
    BACKOFF(IpcIdleStrategy.BACKOFF),

    /** Spin and never sleep: the lowest latency, one CPU fully busy per waiting receiver. */
    BUSY_SPIN(IpcIdleStrategy.BUSY_SPIN),

    /** Yield and never sleep: low latency, the CPU shared with other threads. */
    YIELDING(IpcIdleStrategy.YIELDING),

    /** Sleep at once until a producer wakes it: the least CPU, microseconds more per wake-up. */
    SLEEPING(IpcIdleStrategy.SLEEPING);

    private final IpcIdleStrategy strategy;

    QueueIdleStrategy(IpcIdleStrategy strategy) {
        this.strategy = strategy;
    }

    IpcIdleStrategy strategy() {
        return this.strategy;
    }
}
