package dev.springipc.benchmarks;

import java.util.Arrays;

/**
 * Which {@link PlacementProbe} round trips of a run were near and which far: the probes are split
 * in two where their logarithms separate best (Otsu's criterion: the largest between-group
 * variance), and the split is kept only if the two groups' typical round trips (geometric means)
 * are at least {@link #MIN_SEPARATION} apart; otherwise every probe counts as one placement. On the
 * VM of issue 16 the groups sit near 70 and 340 ns (a third, rarer one near 37 ns joins the near
 * group); on a machine whose CPUs stay put there is one group and nothing is filtered.
 * @param near the near group's typical round trip, ns (NaN without probes)
 * @param far the far group's, ns (NaN when there is one group)
 * @param bound a probe above this is far (infinite when there is one group)
 */
record PlacementSplit(double near, double far, double bound) {

    /** Groups closer than this are one placement seen with noise. */
    static final double MIN_SEPARATION = 2.5;

    /** Where a window ran, judged by the probes just before and just after it. */
    enum Placement {
        NEAR, FAR,
        /** The placement changed during the window, or a probe is missing. */
        MIXED
    }

    static PlacementSplit of(double[] probes) {
        double[] logs = Arrays.stream(probes).filter(probe -> Double.isFinite(probe) && probe > 0).map(Math::log)
                .sorted().toArray();
        int n = logs.length;
        if (n == 0) {
            return new PlacementSplit(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY);
        }
        double total = Arrays.stream(logs).sum();
        double below = 0;
        double bestScore = -1;
        int bestSplit = 0;
        // The lower group is logs[0, split), the upper logs[split, n).
        for (int split = 1; split < n; split++) {
            below += logs[split - 1];
            double lowMean = below / split;
            double highMean = (total - below) / (n - split);
            double score = (double) split * (n - split) * (highMean - lowMean) * (highMean - lowMean);
            if (score > bestScore) {
                bestScore = score;
                bestSplit = split;
            }
        }
        if (bestSplit == 0) {
            return new PlacementSplit(Math.exp(total / n), Double.NaN, Double.POSITIVE_INFINITY);
        }
        double lowSum = Arrays.stream(logs, 0, bestSplit).sum();
        double near = Math.exp(lowSum / bestSplit);
        double far = Math.exp((total - lowSum) / (n - bestSplit));
        if (far / near < MIN_SEPARATION) {
            return new PlacementSplit(Math.exp(total / n), Double.NaN, Double.POSITIVE_INFINITY);
        }
        return new PlacementSplit(near, far, Math.sqrt(near * far));
    }

    /** Whether this split found two placements. */
    boolean split() {
        return Double.isFinite(this.bound);
    }

    /** A window's placement from the probes around it. */
    Placement of(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Placement.MIXED;
        }
        boolean farBefore = before > this.bound;
        boolean farAfter = after > this.bound;
        if (farBefore != farAfter) {
            return Placement.MIXED;
        }
        return farBefore ? Placement.FAR : Placement.NEAR;
    }
}
