package dev.springipc.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws the ring matrix as an SVG (no library: a few rectangles and texts): per pinning, one
 * row per topology and form, the throughput ratio of each ring size and payload, the round-trip
 * ratio of each ring size and the ratio to the C SPSC ring; each cell coloured by whether it
 * meets its goal. run.sh writes it to docs/images/ring-matrix.svg.
 */
final class MatrixChart {

    private static final int CELL_WIDTH = 62;

    private static final int CELL_HEIGHT = 24;

    private static final int LABEL_WIDTH = 150;

    private static final int GAP = 20;

    private static final int PANEL_HEIGHT = 36 + 28 + 6 * CELL_HEIGHT + 16;

    private static final int TOP = 64;

    private final MatrixResults results;

    private final String note;

    /** @param note what the run was (date, profile, repeats, load), printed under the title */
    MatrixChart(MatrixResults results, String note) {
        this.results = results;
        this.note = note;
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
    }

    String svg() {
        int thrColumns = RingCell.RING_SIZES.size() * RingCell.PAYLOADS.size();
        int width = LABEL_WIDTH + 10 + (thrColumns + RingCell.RING_SIZES.size() + 1) * CELL_WIDTH + 2 * GAP + 10;
        int height = TOP + 2 * PANEL_HEIGHT + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, 10, 22, 16, "start", "bold",
                "Ring matrix (issue 16): ours / Agrona doing the same work, median of per-pair ratios");
        text(svg, 10, 42, 12, "start", "normal", this.note);
        int y = TOP;
        for (MatrixResults.Pinning pinning : MatrixResults.Pinning.values()) {
            panel(svg, pinning, y);
            y += PANEL_HEIGHT;
        }
        legend(svg, y + 14);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void panel(StringBuilder svg, MatrixResults.Pinning pinning, int top) {
        String title = (pinning == MatrixResults.Pinning.PINNED) ? "pinned: measuring JVM on CPU 0, peer on CPU 1"
                : "unpinned: both JVMs on any CPU";
        text(svg, 10, top + 14, 13, "start", "bold", title);
        int thrX = LABEL_WIDTH + 10;
        int rttX = thrX + RingCell.RING_SIZES.size() * RingCell.PAYLOADS.size() * CELL_WIDTH + GAP;
        int cX = rttX + RingCell.RING_SIZES.size() * CELL_WIDTH + GAP;
        int headerY = top + 34;
        text(svg, thrX, headerY - 4, 11, "start", "bold", "throughput (goal >= 1.0): ring / payload");
        text(svg, rttX, headerY - 4, 11, "start", "bold", "RTT p50 64 B (<= 1.1)");
        text(svg, cX + CELL_WIDTH, headerY - 4, 11, "end", "bold", "vs C (>= 0.9)");
        int column = 0;
        for (int ring : RingCell.RING_SIZES) {
            for (int size : RingCell.PAYLOADS) {
                int x = thrX + column++ * CELL_WIDTH + CELL_WIDTH / 2;
                text(svg, x, headerY + 12, 10, "middle", "normal", RingCell.bytes(ring));
                text(svg, x, headerY + 24, 10, "middle", "normal", RingCell.bytes(size));
            }
        }
        for (int i = 0; i < RingCell.RING_SIZES.size(); i++) {
            text(svg, rttX + i * CELL_WIDTH + CELL_WIDTH / 2, headerY + 12, 10, "middle", "normal",
                    RingCell.bytes(RingCell.RING_SIZES.get(i)));
        }
        text(svg, cX + CELL_WIDTH / 2, headerY + 12, 10, "middle", "normal", "64KiB");
        text(svg, cX + CELL_WIDTH / 2, headerY + 24, 10, "middle", "normal", "64B");
        int y = headerY + 30;
        for (RingCell.Topology topology : RingCell.Topology.values()) {
            for (RingCell.Form form : RingCell.Form.values()) {
                text(svg, 10, y + 16, 12, "start", "normal", topology.label + " " + form.id);
                List<RingCell> thr = RingCell.throughputCells(topology, form);
                for (int i = 0; i < thr.size(); i++) {
                    cell(svg, thrX + i * CELL_WIDTH, y, MatrixGoal.THROUGHPUT, pinning, thr.get(i));
                }
                List<RingCell> rtt = RingCell.roundTripCells(topology, form);
                for (int i = 0; i < rtt.size(); i++) {
                    cell(svg, rttX + i * CELL_WIDTH, y, MatrixGoal.ROUND_TRIP, pinning, rtt.get(i));
                }
                cell(svg, cX, y, MatrixGoal.NATIVE, pinning, thr.get(0));
                y += CELL_HEIGHT;
            }
        }
    }

    private void cell(StringBuilder svg, int x, int y, MatrixGoal goal, MatrixResults.Pinning pinning, RingCell cell) {
        double ratio = goal.ratio(this.results, pinning, cell);
        svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"white\"/>%n",
                x, y, CELL_WIDTH, CELL_HEIGHT, colour(goal, ratio)));
        text(svg, x + CELL_WIDTH / 2, y + 16, 11, "middle", "normal",
                Double.isNaN(ratio) ? "-" : String.format("%.2f", ratio));
    }

    /** Green if met, light red if missed by up to 20 %, dark red beyond, grey if not measured. */
    private static String colour(MatrixGoal goal, double ratio) {
        if (Double.isNaN(ratio)) {
            return "#cccccc";
        }
        if (goal.met(ratio)) {
            return "#81c784";
        }
        double shortfall = goal.atLeast ? ratio / goal.bound : goal.bound / ratio;
        return (shortfall >= 0.8) ? "#ef9a9a" : "#e53935";
    }

    private static void legend(StringBuilder svg, int y) {
        String[][] entries = { { "#81c784", "meets the goal" }, { "#ef9a9a", "misses it by up to 20 %" },
                { "#e53935", "misses it by more" }, { "#cccccc", "not measured" } };
        int x = 10;
        for (String[] entry : entries) {
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>%n", x, y - 11,
                    entry[0]));
            text(svg, x + 20, y, 12, "start", "normal", entry[1]);
            x += 200;
        }
    }

    private static void text(StringBuilder svg, int x, int y, int size, String anchor, String weight, String text) {
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, size, anchor, weight, escape(text)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
