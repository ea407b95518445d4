package dev.springipc.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the ring matrix: per pinning, the throughput of every cell and the round trips, ours
 * beside Agrona's with the ratio (median of per-pair ratios: see {@link MatrixResults}), the C
 * SPSC ring, then each goal of issue 16 with the cells that meet it and MET / NOT MET, and
 * last which throughput cells their pairs decide for either ring ({@link SignTest}).
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

    private double median(MatrixResults.Pinning pinning, RingCell cell, String contender, String metric) {
        return this.results.median(pinning, cell.id(), contender, metric);
    }

    /** {@code 0.93x!}: the ratio, marked when the cell misses the goal. */
    private String ratio(MatrixGoal goal, MatrixResults.Pinning pinning, RingCell cell) {
        double ratio = goal.ratio(this.results, pinning, cell);
        return String.format("%6.2fx%s", ratio, goal.met(ratio) ? " " : "!");
    }
}
