package dev.springipc.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures of the ring matrix, per repeat and pair: for each pinning, cell, contender and
 * metric. Within a repeat a throughput cell is measured as several pairs, ours and Agrona's
 * windows right after each other (their order alternating). A ratio is taken within a pair
 * (the two figures were measured a fraction of a second apart, in the same phase of the
 * machine) and the median of those ratios is reported, never a ratio of medians from different
 * moments. Figures measured once per repeat (round trips, the C ring) take pair 0.
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

    private final int pairs;

    /** Figures at {@code rep * pairs + pair}. */
    private final Map<String, double[]> values = new HashMap<>();

    MatrixResults(int reps) {
        this(reps, 1);
    }

    MatrixResults(int reps, int pairs) {
        this.reps = reps;
        this.pairs = pairs;
    }

    int reps() {
        return this.reps;
    }

    int pairs() {
        return this.pairs;
    }

    void add(int rep, Pinning pinning, String cell, String contender, String metric, double value) {
        add(rep, 0, pinning, cell, contender, metric, value);
    }

    void add(int rep, int pair, Pinning pinning, String cell, String contender, String metric, double value) {
        this.values.computeIfAbsent(key(pinning, cell, contender, metric), key -> nan(this.reps * this.pairs))[rep
                * this.pairs + pair] = value;
    }

    /** Every figure, {@code rep * pairs + pair} (NaN where it was not measured). */
    private double[] series(Pinning pinning, String cell, String contender, String metric) {
        return this.values.getOrDefault(key(pinning, cell, contender, metric), nan(this.reps * this.pairs));
    }

    /** The median of a cell's figures over every repeat and pair. */
    double median(Pinning pinning, String cell, String contender, String metric) {
        return Report.median(series(pinning, cell, contender, metric));
    }

    /** Median over pairs (of every repeat) of ours / Agrona's in the same pair, for one cell. */
    double ratioToAgrona(Pinning pinning, RingCell cell, String metric) {
        return Report.median(pairRatios(pinning, cell, metric));
    }

    /** Ours / Agrona's in each pair of every repeat, {@code rep * pairs + pair} (NaN where not measured). */
    double[] pairRatios(Pinning pinning, RingCell cell, String metric) {
        double[] ours = series(pinning, cell.id(), RingCell.Contender.OURS.id, metric);
        double[] theirs = series(pinning, cell.id(), RingCell.Contender.AGRONA.id, metric);
        double[] ratios = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / theirs[i];
        }
        return ratios;
    }

    /**
     * Median over repeats of ours (the median of the repeat's pairs) / the C SPSC ring's in the
     * same repeat and pinning: the C ring runs once per repeat.
     */
    double ratioToC(Pinning pinning, RingCell cell, String metric) {
        double[] ours = series(pinning, cell.id(), RingCell.Contender.OURS.id, metric);
        double[] c = series(pinning, C_RING_CELL, C_CONTENDER, metric);
        double[] ratios = nan(this.reps);
        for (int rep = 0; rep < this.reps; rep++) {
            int from = rep * this.pairs;
            ratios[rep] = Report.median(Arrays.copyOfRange(ours, from, from + this.pairs)) / c[from];
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
