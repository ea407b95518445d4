package dev.springipc.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the ring matrix: per pinning, the throughput of every cell and the round trips, ours
 * beside Agrona's with the ratio (median of per-pair ratios: see {@link MatrixResults}), the C
 * SPSC ring, then each goal of issue 16 with the cells that meet it and MET / NOT MET, which
 * throughput cells their pairs decide for either ring ({@link SignTest}), and last the same
 * comparison within one placement of the two JVMs' CPUs ({@link PlacementSplit}).
 */
final class MatrixTables {

    private final MatrixResults results;

    MatrixTables(MatrixResults results) {
        this.results = results;
    }

    void print(PrintStream out) {
        for (MatrixResults.Pinning pinning : MatrixResults.Pinning.values()) {
            printThroughput(out, pinning);
            printRoundTrips(out, pinning);
            printNative(out, pinning);
        }
        printGoals(out);
        printDecided(out);
        printPlacements(out);
    }

    private void printThroughput(PrintStream out, MatrixResults.Pinning pinning) {
        out.println();
        out.println("== ring matrix, " + pinning.id + ": one-way throughput, Mmsg/s (medians of " + this.results.reps()
                + " repeats x " + this.results.pairs() + " pairs); ratio = ours / Agrona, median of per-pair ratios,"
                + " '!' below 1.0");
        StringBuilder header = new StringBuilder(String.format("%-12s %-6s %-6s", "topology", "form", "ring"));
        for (int size : RingCell.PAYLOADS) {
            header.append(String.format(" | %-5s %7s %7s %7s", RingCell.bytes(size), "ours", "agrona", "ratio"));
        }
        out.println(header);
        for (RingCell.Topology topology : RingCell.Topology.values()) {
            for (RingCell.Form form : RingCell.Form.values()) {
                for (int ring : RingCell.RING_SIZES) {
                    StringBuilder row = new StringBuilder(
                            String.format("%-12s %-6s %-6s", topology.label, form.id, RingCell.bytes(ring)));
                    for (int size : RingCell.PAYLOADS) {
                        RingCell cell = new RingCell(topology, form, ring, size);
                        row.append(String.format(" | %-5s %7.2f %7.2f %s", "", median(pinning, cell, "ours", "thr"),
                                median(pinning, cell, "agrona", "thr"), ratio(MatrixGoal.THROUGHPUT, pinning, cell)));
                    }
                    out.println(row);
                }
            }
        }
    }

    private void printRoundTrips(PrintStream out, MatrixResults.Pinning pinning) {
        out.println();
        out.println("== ring matrix, " + pinning.id + ": round trip 64 B, µs; ratio = ours / Agrona p50, '!' above 1.1");
        StringBuilder header = new StringBuilder(String.format("%-12s %-6s", "topology", "form"));
        for (int ring : RingCell.RING_SIZES) {
            header.append(String.format(" | %-5s %7s %7s %7s %7s %7s", RingCell.bytes(ring), "p50", "agrona", "ratio",
                    "p99", "agrona"));
        }
        out.println(header);
        for (RingCell.Topology topology : RingCell.Topology.values()) {
            for (RingCell.Form form : RingCell.Form.values()) {
                StringBuilder row = new StringBuilder(String.format("%-12s %-6s", topology.label, form.id));
                for (RingCell cell : RingCell.roundTripCells(topology, form)) {
                    row.append(String.format(" | %-5s %7.3f %7.3f %s %7.3f %7.3f", "",
                            median(pinning, cell, "ours", "rtt-p50"), median(pinning, cell, "agrona", "rtt-p50"),
                            ratio(MatrixGoal.ROUND_TRIP, pinning, cell), median(pinning, cell, "ours", "rtt-p99"),
                            median(pinning, cell, "agrona", "rtt-p99")));
                }
                out.println(row);
            }
        }
        out.println("form: plain = receive(Duration) vs Agrona copy to a new byte[]; poll = poll(handler) vs Agrona"
                + " handler; into = receive(byte[]) vs Agrona handler copying into a reused byte[]");
    }

    private void printNative(PrintStream out, MatrixResults.Pinning pinning) {
        double thr = this.results.median(pinning, MatrixResults.C_RING_CELL, MatrixResults.C_CONTENDER, "thr");
        double rtt = this.results.median(pinning, MatrixResults.C_RING_CELL, MatrixResults.C_CONTENDER, "rtt-p50");
        out.println();
        out.printf("== C SPSC ring (64 KiB, 64 B), %s: thr %.2f Mmsg/s, RTT p50 %.3f µs; ours at 64 B in a 64 KiB ring / C"
                + " (median of per-repeat ratios), '!' below 0.9:%n", pinning.id, thr, rtt);
        StringBuilder row = new StringBuilder();
        for (RingCell cell : MatrixGoal.NATIVE.cells()) {
            row.append(String.format("  %s/%s %s", cell.topology().id, cell.form().id,
                    ratio(MatrixGoal.NATIVE, pinning, cell).trim()));
        }
        out.println(row);
    }

    private void printGoals(PrintStream out) {
        out.println();
        out.println("== ring goals of issue 16 (cells meeting the goal: pinned, unpinned, all; the worst cell)");
        for (MatrixGoal goal : MatrixGoal.values()) {
            int perPinning = goal.cells().size();
            int[] met = new int[MatrixResults.Pinning.values().length];
            int missing = 0;
            double worst = Double.NaN;
            String worstCell = "-";
            for (MatrixResults.Pinning pinning : MatrixResults.Pinning.values()) {
                for (RingCell cell : goal.cells()) {
                    double ratio = goal.ratio(this.results, pinning, cell);
                    if (Double.isNaN(ratio)) {
                        missing++;
                        continue;
                    }
                    if (goal.met(ratio)) {
                        met[pinning.ordinal()]++;
                    }
                    if (Double.isNaN(worst) || (goal.atLeast ? ratio < worst : ratio > worst)) {
                        worst = ratio;
                        worstCell = cell.id() + " " + pinning.id;
                    }
                }
            }
            int all = met[0] + met[1];
            int total = 2 * perPinning;
            String verdict = (all == total) ? "MET" : "NOT MET";
            out.printf("%-46s %3d/%d %3d/%d %3d/%d  %-8s worst %.2fx %s%s%n", goal.label, met[0], perPinning, met[1],
                    perPinning, all, total, verdict, worst, worstCell,
                    (missing > 0) ? " (" + missing + " cells not measured)" : "");
        }
    }

    /**
     * Which throughput cells the pairs decide, by the sign test ({@link SignTest}): the goal asks
     * for 1.0x in every cell, and this says how many of the misses (and the hits) the noise of
     * the machine could have made.
     */
    private void printDecided(PrintStream out) {
        int n = this.results.reps() * this.results.pairs();
        int needed = SignTest.decisive(n);
        out.println();
        if (needed > n) {
            out.printf("== throughput cells decided by their pairs: none can be (%d pairs per cell; the sign test needs"
                    + " more for p <= %.2f)%n", n, SignTest.ALPHA);
            return;
        }
        out.printf("== throughput cells decided by their pairs (sign test: one side faster in at least %d of %d pairs,"
                + " p <= %.2f were the two rings alike)%n", needed, n, SignTest.ALPHA);
        for (MatrixResults.Pinning pinning : MatrixResults.Pinning.values()) {
            int oursFaster = 0;
            int undecided = 0;
            List<String> agronaFaster = new ArrayList<>();
            for (RingCell cell : MatrixGoal.THROUGHPUT.cells()) {
                SignTest.Outcome outcome = SignTest.of(this.results.pairRatios(pinning, cell, MatrixGoal.THROUGHPUT.metric));
                switch (outcome.verdict()) {
                    case OURS_FASTER -> oursFaster++;
                    case AGRONA_FASTER -> agronaFaster.add(cell.id() + " (ours won " + outcome.won() + "/"
                            + outcome.counted() + ")");
                    case UNDECIDED -> undecided++;
                }
            }
            int cells = MatrixGoal.THROUGHPUT.cells().size();
            out.printf("%-9s ours faster %2d/%d  undecided %2d/%d  Agrona faster %2d/%d%s%n", pinning.id, oursFaster,
                    cells, undecided, cells, agronaFaster.size(), cells,
                    agronaFaster.isEmpty() ? "" : ": " + String.join(", ", agronaFaster));
        }
    }

    /**
     * The comparison again over only the pairs whose two windows ran in the same placement, near
     * and far apart: the goals' cell counts, and all throughput pairs of a pinning pooled in one
     * sign test. Informative: the goals' verdicts above stay those of all pairs.
     */
    private void printPlacements(PrintStream out) {
        out.println();
        out.println("== within one placement (the probe: one cache line's round trip between the two JVMs just before"
                + " and after each window); informative, the verdicts above count every pair");
        for (MatrixResults.Pinning pinning : MatrixResults.Pinning.values()) {
            PlacementSplit split = this.results.placements(pinning);
            Map<PlacementSplit.Placement, Integer> windows = windows(split, pinning);
            if (Double.isNaN(split.near())) {
                out.printf("%-9s no placement probes%n", pinning.id);
                continue;
            }
            if (!split.split()) {
                out.printf("%-9s one placement (probe %.0f ns typical, %d windows): the tables above are within it%n",
                        pinning.id, split.near(), windows.values().stream().mapToInt(Integer::intValue).sum());
                continue;
            }
            out.printf("%-9s probe near %.0f ns, far %.0f ns (bound %.0f ns); windows near %d, far %d, changed %d%n",
                    pinning.id, split.near(), split.far(), split.bound(), windows.get(PlacementSplit.Placement.NEAR),
                    windows.get(PlacementSplit.Placement.FAR), windows.get(PlacementSplit.Placement.MIXED));
            for (PlacementSplit.Placement placement : List.of(PlacementSplit.Placement.NEAR,
                    PlacementSplit.Placement.FAR)) {
                StringBuilder line = new StringBuilder(String.format("  %-4s pairs:", placement.name().toLowerCase()));
                for (MatrixGoal goal : List.of(MatrixGoal.THROUGHPUT, MatrixGoal.ROUND_TRIP)) {
                    line.append(goalWithin(goal, pinning, placement)).append(';');
                }
                List<Double> pooled = new ArrayList<>();
                for (RingCell cell : MatrixGoal.THROUGHPUT.cells()) {
                    for (double ratio : this.results.pairRatios(pinning, cell, MatrixGoal.THROUGHPUT.metric, placement)) {
                        pooled.add(ratio);
                    }
                }
                double[] ratios = pooled.stream().mapToDouble(Double::doubleValue).toArray();
                SignTest.Outcome outcome = SignTest.of(ratios);
                line.append(String.format(" thr pooled: median %.2fx, ours won %d of %d pairs (%s)",
                        Report.median(ratios), outcome.won(), outcome.counted(), switch (outcome.verdict()) {
                            case OURS_FASTER -> "ours faster";
                            case AGRONA_FASTER -> "Agrona faster";
                            case UNDECIDED -> "undecided";
                        }));
                out.println(line);
                out.println("    thr misses: " + missesWithin(pinning, placement));
            }
        }
    }

    /** {@code o2o/poll/1MiB/4KiB 0.85x (7), ...}: the throughput cells below 1.0x over this placement's pairs, worst first. */
    private String missesWithin(MatrixResults.Pinning pinning, PlacementSplit.Placement placement) {
        record Miss(double ratio, String text) {
        }
        List<Miss> found = new ArrayList<>();
        for (RingCell cell : MatrixGoal.THROUGHPUT.cells()) {
            double[] pairs = this.results.pairRatios(pinning, cell, MatrixGoal.THROUGHPUT.metric, placement);
            double ratio = Report.median(pairs);
            if (!Double.isNaN(ratio) && !MatrixGoal.THROUGHPUT.met(ratio)) {
                long counted = Arrays.stream(pairs).filter(Double::isFinite).count();
                found.add(new Miss(ratio, String.format("%s %.2fx (%d)", cell.id(), ratio, counted)));
            }
        }
        List<String> misses = found.stream().sorted(Comparator.comparingDouble(Miss::ratio)).map(Miss::text).toList();
        return misses.isEmpty() ? "none" : String.join(", ", misses);
    }

    /**
     * {@code  thr >= 1.0x 40/50 cells (4 without pairs), worst 0.85x o2o/poll/1MiB/4KiB}: a cell
     * without pairs had none whose two windows both ran in this placement (or was not measured).
     */
    private String goalWithin(MatrixGoal goal, MatrixResults.Pinning pinning, PlacementSplit.Placement placement) {
        int met = 0;
        int without = 0;
        double worst = Double.NaN;
        String worstCell = "-";
        for (RingCell cell : goal.cells()) {
            double ratio = this.results.ratioToAgrona(pinning, cell, goal.metric, placement);
            if (Double.isNaN(ratio)) {
                without++;
                continue;
            }
            if (goal.met(ratio)) {
                met++;
            }
            if (Double.isNaN(worst) || (goal.atLeast ? ratio < worst : ratio > worst)) {
                worst = ratio;
                worstCell = cell.id();
            }
        }
        return String.format(" %s %s %.1fx %d/%d cells%s, worst %.2fx %s", goal.metric, goal.atLeast ? ">=" : "<=",
                goal.bound, met, goal.cells().size() - without, (without > 0) ? " (" + without + " without pairs)" : "",
                worst, worstCell);
    }

    /** Windows of ours and Agrona's (throughput and round trip) per placement. */
    private Map<PlacementSplit.Placement, Integer> windows(PlacementSplit split, MatrixResults.Pinning pinning) {
        Map<PlacementSplit.Placement, Integer> counts = new EnumMap<>(PlacementSplit.Placement.class);
        for (PlacementSplit.Placement placement : PlacementSplit.Placement.values()) {
            counts.put(placement, 0);
        }
        for (MatrixGoal goal : List.of(MatrixGoal.THROUGHPUT, MatrixGoal.ROUND_TRIP)) {
            for (RingCell cell : goal.cells()) {
                for (RingCell.Contender contender : RingCell.Contender.values()) {
                    for (int i = 0; i < this.results.reps() * this.results.pairs(); i++) {
                        PlacementSplit.Placement placement = this.results.placement(split, pinning, cell, contender,
                                goal.metric, i);
                        if (placement != null) {
                            counts.merge(placement, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }

    private double median(MatrixResults.Pinning pinning, RingCell cell, String contender, String metric) {
        return this.results.median(pinning, cell.id(), contender, metric);
    }

    /** {@code 0.93x!}: the ratio, marked when the cell misses the goal. */
    private String ratio(MatrixGoal goal, MatrixResults.Pinning pinning, RingCell cell) {
        double ratio = goal.ratio(this.results, pinning, cell);
        return String.format("%6.2fx%s", ratio, goal.met(ratio) ? " " : "!");
    }
}
