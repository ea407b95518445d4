package dev.springipc.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Message counts per test, scaled by {@code scale} (run.sh uses 1; the smoke test far less).
 * Busy-spinning transports run many more messages than blocking ones, which cost ~50 µs per
 * wake-up, so that every test takes roughly a second.
 */
record Workload(double scale) {

    long warmup(Mechanism mechanism, Test test) {
        return count(mechanism.spins() ? test.spinWarmup : test.blockingWarmup);
    }

    long measured(Mechanism mechanism, Test test) {
        return count(mechanism.spins() ? test.spinCount : test.blockingCount);
    }

    /** {@code base} scaled, at least 100. */
    long scaled(long base) {
        return count(base);
    }

    private long count(long base) {
        return Math.max(100, (long) (base * this.scale));
    }

    /** The three figures taken per mechanism. */
    enum Test {
        THROUGHPUT_64B("thr-64B", 64, 2_000_000, 5_000_000, 50_000, 200_000),
        THROUGHPUT_1KIB("thr-1KiB", 1024, 500_000, 1_000_000, 50_000, 200_000),
        ROUND_TRIP_64B("rtt-64B", 64, 200_000, 300_000, 10_000, 30_000);

        final String id;

        final int size;

        final long spinWarmup;

        final long spinCount;

        final long blockingWarmup;

        final long blockingCount;

        /** All tests, or those named in the system property {@code ipcbench.tests} (run.sh's TESTS). */
        static List<Test> selected() {
            String only = System.getProperty("ipcbench.tests", "");
            List<String> ids = only.isBlank() ? List.of() : List.of(only.split(","));
            return Arrays.stream(values()).filter(test -> ids.isEmpty() || ids.contains(test.id)).toList();
        }

        Test(String id, int size, long spinWarmup, long spinCount, long blockingWarmup, long blockingCount) {
            this.id = id;
            this.size = size;
            this.spinWarmup = spinWarmup;
            this.spinCount = spinCount;
            this.blockingWarmup = blockingWarmup;
            this.blockingCount = blockingCount;
        }
    }
}
