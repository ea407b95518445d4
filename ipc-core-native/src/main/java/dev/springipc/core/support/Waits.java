package dev.springipc.core.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Blocking native calls wait in slices, so a waiting thread notices interruption and close()
 * within one slice instead of hanging a shutdown. The cost is one extra wake-up per slice while
 * idle, nothing while messages flow.
 */
public final class Waits {

    /** The longest single native wait. */
    public static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A deadline far enough away to mean "forever" without overflowing. */
    public static final long FOREVER = Long.MAX_VALUE / 2;

    private Waits() {
    }

    /** The timeout in nanoseconds, saturated; negative durations count as zero. */
    public static long toNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return Math.min(timeout.toNanos(), FOREVER);
        }
        catch (ArithmeticException tooLong) {
            return FOREVER;
        }
    }

    /** The {@link System#nanoTime()} deadline {@code nanos} from now. */
    public static long deadline(long nanos) {
        return System.nanoTime() + Math.min(nanos, FOREVER);
    }

    /** The next slice to wait before {@code deadline}: at most {@link #SLICE_NANOS}, 0 if it has passed. */
    public static long nextSlice(long deadline) {
        long remaining = deadline - System.nanoTime();
        return (remaining <= 0) ? 0 : Math.min(remaining, SLICE_NANOS);
    }

    /** Throws if the current thread was interrupted, clearing the flag as {@code Thread.interrupted()} does. */
    public static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
