package dev.springipc.benchmarks;

/**
 * Counts one-way arrivals in a peer (from one thread at a time) and prints {@code RATE|x} (Mmsg/s)
 * once all arrived: the time runs from the arrival of the last warm-up message to the last one.
 */
final class ArrivalCounter {

    private final long warmup;

    private final long total;

    private long arrived;

    private long start;

    ArrivalCounter(long warmup, long measured) {
        this.warmup = warmup;
        this.total = warmup + measured;
    }

    /** Takes {@code n} more arrivals. */
    void arrived(long n) {
        long before = this.arrived;
        this.arrived += n;
        if (before < this.warmup && this.arrived >= this.warmup) {
            this.start = System.nanoTime();
        }
        if (before < this.total && this.arrived >= this.total) {
            double seconds = (System.nanoTime() - this.start) / 1e9;
            System.out.printf("RATE|%.6f%n", (this.total - this.warmup) / seconds / 1e6);
            System.out.flush();
        }
    }

    void arrived() {
        arrived(1);
    }
}
