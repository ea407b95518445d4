package dev.springipc.core.sys;

import java.nio.ByteBuffer;

/**
 * {@code struct timespec} (two 64-bit fields on LP64 Linux) written through a direct buffer
 * over caller-owned native memory, so a timed call allocates nothing and makes no extra
 * native call to fill it in.
 */
public final class Timespec {

    /** Bytes a timespec occupies. */
    public static final int SIZE = 16;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timespec() {
    }

    /**
     * Writes into {@code timespec} (native byte order) the CLOCK_REALTIME instant {@code nanos}
     * from now: the absolute form that {@code sem_timedwait} and {@code mq_timed*} take.
     * {@link System#currentTimeMillis()} reads the same clock; millisecond precision is plenty
     * for a deadline.
     */
    public static void realtimeDeadline(ByteBuffer timespec, long nanos) {
        long millis = System.currentTimeMillis();
        long seconds = millis / 1000;
        long nanoPart = (millis % 1000) * NANOS_PER_MILLI + nanos;
        seconds += nanoPart / NANOS_PER_SECOND;
        nanoPart %= NANOS_PER_SECOND;
        timespec.putLong(0, seconds);
        timespec.putLong(8, nanoPart);
    }

    /**
     * Writes into {@code timespec} (native byte order) the absolute time 0: a deadline long
     * passed, with which a timed call that would wait returns {@code ETIMEDOUT} at once.
     */
    public static void epoch(ByteBuffer timespec) {
        timespec.putLong(0, 0);
        timespec.putLong(8, 0);
    }

    /**
     * Writes into {@code timespec} (native byte order) the relative interval {@code nanos}: the
     * form {@code semtimedop} takes.
     */
    public static void relative(ByteBuffer timespec, long nanos) {
        timespec.putLong(0, nanos / NANOS_PER_SECOND);
        timespec.putLong(8, nanos % NANOS_PER_SECOND);
    }
}
