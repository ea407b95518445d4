package dev.springipc.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures of the ring matrix, per repeat: for each pinning, cell, contender and metric. A
 * ratio is taken within a repeat (the two figures were measured seconds apart, in the same
 * phase of the machine) and the median of the per-repeat ratios is reported, never a ratio of
 * medians from different moments.
 */
final class MatrixResults {

    /** The C kit's SPSC ring (64 KiB, 64 B) stands in the results as this cell and contender. */
    static final String C_RING_CELL = "c-shm-ring";

    static final String C_CONTENDER = "c";

    /** Both sides on their own CPU (measuring CPU 0, peer CPU 1), or left to the scheduler. */
    enum Pinning {
        PINNED("pinned"), UNPINNED("unpinned");

        final String id;

        Pinning(String id) {
            this.id = id;
        }
    }

    private final int reps;

    private final Map<String, double[]> values = new HashMap<>();

    MatrixResults(int reps) {
        this.reps = reps;
    }

    int reps() {
        return this.reps;
    }

    void add(int rep, Pinning pinning, String cell, String contender, String metric, double value) {
        this.values.computeIfAbsent(key(pinning, cell, contender, metric), key -> nan(this.reps))[rep] = value;
    }

    /** One figure per repeat (NaN where it was not measured). */
    double[] series(Pinning pinning, String cell, String contender, String metric) {
        return this.values.getOrDefault(key(pinning, cell, contender, metric), nan(this.reps));
    }

    double median(Pinning pinning, String cell, String contender, String metric) {
        return Report.median(series(pinning, cell, contender, metric));
    }

    /** Median over repeats of ours / Agrona's in the same repeat, for one cell. */
    double ratioToAgrona(Pinning pinning, RingCell cell, String metric) {
        return ratio(series(pinning, cell.id(), RingCell.Contender.OURS.id, metric),
                series(pinning, cell.id(), RingCell.Contender.AGRONA.id, metric));
    }

    /** Median over repeats of ours / the C SPSC ring's in the same repeat and pinning. */
    double ratioToC(Pinning pinning, RingCell cell, String metric) {
        return ratio(series(pinning, cell.id(), RingCell.Contender.OURS.id, metric),
                series(pinning, C_RING_CELL, C_CONTENDER, metric));
    }

    private double ratio(double[] ours, double[] theirs) {
        double[] ratios = nan(this.reps);
        for (int rep = 0; rep < this.reps; rep++) {
            ratios[rep] = ours[rep] / theirs[rep];
        }
        return Report.median(ratios);
    }

    private static String key(Pinning pinning, String cell, String contender, String metric) {
        return pinning.id + "|" + cell + "|" + contender + "|" + metric;
    }

    private static double[] nan(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
