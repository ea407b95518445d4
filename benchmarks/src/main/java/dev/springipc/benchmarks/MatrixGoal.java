package dev.springipc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The ring goals of issue 16, each judged in every cell it covers, pinned and unpinned: met only
 * if met in every one of them.
 */
enum MatrixGoal {

    /** Throughput at least Agrona's doing the same work, in all 54 cells. */
    THROUGHPUT("ring thr >= 1.0x Agrona, every cell", "thr", 1.0, true, false),

    /** Round trip p50 at most 1.1x Agrona's, in the 18 round-trip cells (64 B). */
    ROUND_TRIP("ring RTT p50 <= 1.1x Agrona, every cell", "rtt-p50", 1.1, false, false),

    /** At 64 B (64 KiB ring, as the C kit's), throughput at least 0.9x the C SPSC ring. */
    NATIVE("ring thr 64B, 64KiB ring >= 0.9x C SPSC ring", "thr", 0.9, true, true);

    final String label;

    final String metric;

    final double bound;

    /** True: the ratio must reach the bound (throughput); false: stay under it (latency). */
    final boolean atLeast;

    private final boolean againstC;

    MatrixGoal(String label, String metric, double bound, boolean atLeast, boolean againstC) {
        this.label = label;
        this.metric = metric;
        this.bound = bound;
        this.atLeast = atLeast;
        this.againstC = againstC;
    }

    /** The cells this goal is judged in (per pinning). */
    List<RingCell> cells() {
        List<RingCell> cells = new ArrayList<>();
        for (RingCell.Topology topology : RingCell.Topology.values()) {
            for (RingCell.Form form : RingCell.Form.values()) {
                switch (this) {
                    case THROUGHPUT -> cells.addAll(RingCell.throughputCells(topology, form));
                    case ROUND_TRIP -> cells.addAll(RingCell.roundTripCells(topology, form));
                    case NATIVE -> cells.add(new RingCell(topology, form, RingCell.RING_SIZES.get(0),
                            RingCell.PAYLOADS.get(0)));
                }
            }
        }
        return cells;
    }

    /** The cell's ratio to this goal's baseline (median of per-pair or, against C, per-repeat ratios). */
    double ratio(MatrixResults results, MatrixResults.Pinning pinning, RingCell cell) {
        return this.againstC ? results.ratioToC(pinning, cell, this.metric)
                : results.ratioToAgrona(pinning, cell, this.metric);
    }

    /** Whether a ratio meets the bound; a cell not measured (NaN) does not. */
    boolean met(double ratio) {
        return !Double.isNaN(ratio) && (this.atLeast ? ratio >= this.bound : ratio <= this.bound);
    }
}
