package dev.springipc.benchmarks;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The measuring side of a round trip: sends a sequence number, spins until the peer's echo of it
 * comes back, and records each round trip after the warm-up. Spinning, not waiting, so the figure
 * is the mechanism's and not a wake-up's.
 */
final class EchoRounds {

    private EchoRounds() {
    }

    /**
     * Runs {@code total} round trips, recording all but the first {@code warmup} in
     * {@code histogram}.
     * @throws IllegalStateException when an echo takes longer than {@code stallNanos}, or comes back
     * with another sequence number
     */
    static void run(Channel out, Channel in, long warmup, long total, Histogram histogram, long stallNanos)
            throws Exception {
        for (long seq = 0; seq < total; seq++) {
            long t0 = System.nanoTime();
            out.send(seq);
            while (in.poll(1) == 0) {
                if (System.nanoTime() - t0 > stallNanos) {
                    throw new IllegalStateException("no echo of " + seq + " within "
                            + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s");
                }
                Thread.onSpinWait();
            }
            long t1 = System.nanoTime();
            if (in.lastSeq() != seq) {
                throw new IllegalStateException("echo of " + seq + " came back as " + in.lastSeq());
            }
            if (seq >= warmup) {
                histogram.recordValue(Math.min(t1 - t0, histogram.getHighestTrackableValue()));
            }
        }
    }
}
