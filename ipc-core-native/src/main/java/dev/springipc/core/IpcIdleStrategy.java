package dev.springipc.core;

/**
 * How a receiver of an {@link IpcShmQueue} waits while the queue is empty, in the manner of
 * Agrona's {@code BackoffIdleStrategy}: look again after a busy spin, {@code spins} times (lowest
 * latency, one CPU kept busy); then after {@code Thread.yield()}, {@code yields} times; then
 * either sleep on a futex until a producer wakes it ({@code sleeps}: no CPU while idle, the
 * wake-up costs the producer one system call and the receiver some microseconds) or keep
 * yielding. A receive that waits checks its deadline, interruption and {@code close()} at least
 * every 64 looks.
 * <p>
 * Each receiver chooses its own; producers never wait for a receiver, whatever it chose.
 *
 * @param spins looks with a busy spin ({@code Thread.onSpinWait()}) before each
 * @param yields then looks with {@code Thread.yield()} before each
 * @param sleeps then sleep until woken ({@code true}) or go on yielding ({@code false})
 */
public record IpcIdleStrategy(int spins, int yields, boolean sleeps) {

    /** The default: 1 000 spins (some tens of microseconds), 100 yields, then sleep. */
    public static final IpcIdleStrategy BACKOFF = new IpcIdleStrategy(1_000, 100, true);

    /** Spins and never sleeps: the lowest latency, and one CPU fully busy while waiting. */
    public static final IpcIdleStrategy BUSY_SPIN = new IpcIdleStrategy(Integer.MAX_VALUE, 0, false);

    /** Yields from the first empty look and never sleeps: low latency, shares the CPU. */
    public static final IpcIdleStrategy YIELDING = new IpcIdleStrategy(0, Integer.MAX_VALUE, false);

    /** Sleeps at the first empty look: the least CPU, a wake-up latency of some microseconds. */
    public static final IpcIdleStrategy SLEEPING = new IpcIdleStrategy(0, 0, true);

    public IpcIdleStrategy {
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must not be negative: " + spins + ", " + yields);
        }
    }

    /** Spins, then yields, then sleeps until woken. */
    public static IpcIdleStrategy backoff(int spins, int yields) {
        return new IpcIdleStrategy(spins, yields, true);
    }

    /** Whether the {@code look}-th look (counted from 1) of a wait comes after a busy spin. */
    public boolean spinsBefore(long look) {
        return look < this.spins;
    }

    /** Whether the {@code look}-th look of a wait, past the spins, comes after a sleep. */
    public boolean sleepsBefore(long look) {
        return this.sleeps && look >= (long) this.spins + this.yields;
    }
}
