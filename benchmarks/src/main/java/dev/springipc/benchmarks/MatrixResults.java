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
 * moments. Figures measured once per repeat (round trips, the C ring) take pair 0. Each window of
 * ours and Agrona's also has the {@link PlacementProbe} round trips taken just before and after it
 * (metric {@code thr-probe-before}, {@code thr-probe-after}, ...), so a ratio can also be taken
 * over only the pairs whose two windows ran in the same placement ({@link PlacementSplit}).
 */
final class MatrixResults {

    /** The C kit's SPSC ring (64 KiB, 64 B) stands in the results as this cell and contender. */
    static final String C_RING_CELL = "c-shm-ring";

    static final String C_CONTENDER = "c";

    /** Appended to a metric: the placement probe before its window, ns. */
    static final String PROBE_BEFORE = "-probe-before";

    /** Appended to a metric: the placement probe after its window, ns. */
    static final String PROBE_AFTER = "-probe-after";

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
     * Ours / Agrona's in each pair whose two windows both ran in {@code placement} (NaN in the
     * others): the two rings compared only where the machine treated them alike.
     */
    double[] pairRatios(Pinning pinning, RingCell cell, String metric, PlacementSplit.Placement placement) {
        double[] ratios = pairRatios(pinning, cell, metric);
        PlacementSplit split = placements(pinning);
        for (int i = 0; i < ratios.length; i++) {
            if (placement(split, pinning, cell, RingCell.Contender.OURS, metric, i) != placement
                    || placement(split, pinning, cell, RingCell.Contender.AGRONA, metric, i) != placement) {
                ratios[i] = Double.NaN;
            }
        }
        return ratios;
    }

    /** Median of {@link #pairRatios(Pinning, RingCell, String, PlacementSplit.Placement)}. */
    double ratioToAgrona(Pinning pinning, RingCell cell, String metric, PlacementSplit.Placement placement) {
        return Report.median(pairRatios(pinning, cell, metric, placement));
    }

    /**
     * Where one window ran ({@code index} = {@code rep * pairs + pair}), by the probes around it;
     * null for a window not measured.
     */
    PlacementSplit.Placement placement(PlacementSplit split, Pinning pinning, RingCell cell,
            RingCell.Contender contender, String metric, int index) {
        if (Double.isNaN(series(pinning, cell.id(), contender.id, metric)[index])) {
            return null;
        }
        return split.of(series(pinning, cell.id(), contender.id, metric + PROBE_BEFORE)[index],
                series(pinning, cell.id(), contender.id, metric + PROBE_AFTER)[index]);
    }

    /** Every placement probe of one pinning, split into near and far. */
    PlacementSplit placements(Pinning pinning) {
        String prefix = pinning.id + "|";
        return PlacementSplit.of(this.values.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix)
                        && (entry.getKey().endsWith(PROBE_BEFORE) || entry.getKey().endsWith(PROBE_AFTER)))
                .flatMapToDouble(entry -> Arrays.stream(entry.getValue())).toArray());
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
