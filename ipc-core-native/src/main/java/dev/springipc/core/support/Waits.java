package dev.springipc.core.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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

    /** The first pause of a polling wait: short, so a message that is just late costs little latency. */
    public static final long MIN_BACKOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /**
     * The longest pause of a polling wait: bounds the extra latency of an idle receiver at 5 ms
     * while keeping it to about 200 system calls a second.
     */
    public static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /**
     * How long a receive that finds its kernel queue (System V, POSIX) or FIFO empty keeps
     * retrying without blocking before it blocks. The next message often comes within microseconds, and
     * waking a thread blocked in the kernel costs tens of them on a VM (an inter-processor
     * interrupt to a halted vCPU): on a 2-vCPU VM a System V round trip took about 80 µs without
     * the spin and about 5 with it. An idle receiver spends at most this much CPU per wait, then
     * blocks. A send facing a full queue blocks at once: a spin there measured no gain.
     */
    public static final long SPIN_BEFORE_BLOCKING_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    /**
     * The end of a receive's spin ({@link #SPIN_BEFORE_BLOCKING_NANOS}): {@code spinDeadline} once
     * started (non-zero), else one spin from {@code now}. Its caller keeps it in a local, 0 at first.
     */
    public static long spinDeadline(long spinDeadline, long now) {
        return (spinDeadline == 0) ? now + SPIN_BEFORE_BLOCKING_NANOS : spinDeadline;
    }

    /**
     * Whether a receive that just found nothing should look again without blocking: at
     * {@code now} it is before both the end of its spin and its {@code deadline}. If so, it has
     * paused the CPU for one look ({@link Thread#onSpinWait()}).
     */
    public static boolean spinning(long now, long spinDeadline, long deadline) {
        if (now - spinDeadline < 0 && now - deadline < 0) {
            Thread.onSpinWait();
            return true;
        }
        return false;
    }

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

    /**
     * For calls that have no timeout of their own ({@code msgrcv}, {@code msgsnd}) and are
     * therefore polled with IPC_NOWAIT: parks for {@code pauseNanos}, cut short at
     * {@code deadline}; returns false without parking if the deadline has passed.
     */
    public static boolean pause(long pauseNanos, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        LockSupport.parkNanos(Math.min(pauseNanos, remaining));
        return true;
    }

    /** The pause after {@code pauseNanos}: doubled, at most {@link #MAX_BACKOFF_NANOS}. */
    public static long backoff(long pauseNanos) {
        return backoff(pauseNanos, MAX_BACKOFF_NANOS);
    }

    /** The pause after {@code pauseNanos}: doubled, at most {@code maxNanos}. */
    public static long backoff(long pauseNanos, long maxNanos) {
        return Math.min(pauseNanos * 2, maxNanos);
    }
}
