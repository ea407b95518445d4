package dev.springipc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The orchestrator of the ring matrix: {@code matrix [--reps N] [--profile quick|full|smoke]
 * [--c-bin PATH] [--chart FILE] [--raw FILE] [--only o2o/poll,m2o/plain]} (a subset of the topology and
 * form groups; the others stay unmeasured in the tables; {@code --raw} keeps every figure, as
 * {@code rep|pinning|cell|contender|metric|pair|value} lines in run order). Per repeat, pinned and unpinned (their order swapped every
 * other repeat), one {@link RingDuel} JVM per topology and form (reversed every other repeat),
 * then the C SPSC ring; prints {@link MatrixTables} and writes {@link MatrixChart}.
 */
final class MatrixRun {

    private final int reps;

    private final String profile;

    private final Path cBinary;

    private final Path chart;

    /** Where every figure is written as it comes, or null. */
    private final Path raw;

    /** Topology and form groups to run, as {@code o2o/poll}; empty for all. */
    private final List<String> only;

    private MatrixRun(int reps, String profile, Path cBinary, Path chart, Path raw, List<String> only) {
        this.reps = reps;
        this.profile = profile;
        this.cBinary = cBinary;
        this.chart = chart;
        this.raw = raw;
        this.only = only;
    }

    static MatrixRun parse(String[] args) {
        int reps = 3;
        String profile = "full";
        Path cBinary = null;
        Path chart = null;
        Path raw = null;
        List<String> only = List.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[i + 1]);
                case "--profile" -> profile = args[i + 1];
                case "--c-bin" -> cBinary = Files.isExecutable(Path.of(args[i + 1])) ? Path.of(args[i + 1]) : null;
                case "--chart" -> chart = Path.of(args[i + 1]);
                case "--raw" -> raw = Path.of(args[i + 1]);
                case "--only" -> only = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RingDuel.Timing.of(profile); // refuses an unknown profile before anything starts
        return new MatrixRun(reps, profile, cBinary, chart, raw, only);
    }

    /** @return the number of failed duels and C runs (the process exit status) */
    int run() throws Exception {
        String tag = "ipcbench" + ProcessHandle.current().pid() + "m";
        MatrixResults results = new MatrixResults(this.reps, RingDuel.Timing.of(this.profile).pairs());
        String loadBefore = load();
        Instant start = Instant.now();
        int failures = 0;
        if (this.raw != null) {
            Files.writeString(this.raw, "");
        }
        for (int rep = 0; rep < this.reps; rep++) {
            List<MatrixResults.Pinning> pinnings = new ArrayList<>(List.of(MatrixResults.Pinning.values()));
            List<String[]> groups = new ArrayList<>();
            for (RingCell.Topology topology : RingCell.Topology.values()) {
                for (RingCell.Form form : RingCell.Form.values()) {
                    if (this.only.isEmpty() || this.only.contains(topology.id + "/" + form.id)) {
                        groups.add(new String[] { topology.name(), form.name() });
                    }
                }
            }
            if (rep % 2 == 1) {
                Collections.reverse(pinnings);
                Collections.reverse(groups);
            }
            for (MatrixResults.Pinning pinning : pinnings) {
                for (String[] group : groups) {
                    failures += duel(results, rep, pinning, group, tag + rep + pinning.id.charAt(0));
                }
                failures += cRing(results, rep, pinning, tag + "c" + rep + pinning.id.charAt(0));
            }
        }
        long seconds = ChronoUnit.SECONDS.between(start, Instant.now());
        String note = String.format("%s, profile %s, %d repeats, %d s; load average before %s, after %s (2 vCPUs)",
                start.truncatedTo(ChronoUnit.SECONDS), this.profile, this.reps, seconds, loadBefore, load());
        System.out.println();
        System.out.println("== ring matrix run: " + note);
        new MatrixTables(results).print(System.out);
        if (this.chart != null) {
            new MatrixChart(results, note).write(this.chart);
            System.out.println("chart written to " + this.chart);
        }
        return failures;
    }

    private int duel(MatrixResults results, int rep, MatrixResults.Pinning pinning, String[] group, String tag) {
        long started = System.nanoTime();
        int figures = 0;
        String[] args = { "duel", group[0], group[1], tag, this.profile, pinning.id, Boolean.toString(rep % 2 == 1) };
        try (Jvm jvm = (pinning == MatrixResults.Pinning.PINNED) ? Jvm.start(0, args) : Jvm.startUnpinned(args)) {
            for (String line = jvm.readLine(); line != null; line = jvm.readLine()) {
                String[] fields = line.split("\\|");
                if (fields.length == 6 && fields[0].equals("RESULT")) {
                    results.add(rep, Integer.parseInt(fields[4]), pinning, fields[1], fields[2], fields[3],
                            Double.parseDouble(fields[5]));
                    figures++;
                    if (this.raw != null) {
                        Files.writeString(this.raw, rep + "|" + pinning.id + line.substring("RESULT".length()) + "\n",
                                StandardOpenOption.APPEND);
                    }
                }
            }
            jvm.awaitExit(30);
            System.out.printf("rep %d %-8s %-11s %-5s %2d figures in %.1f s%n", rep + 1, pinning.id, group[0],
                    group[1], figures, (System.nanoTime() - started) / 1e9);
            return 0;
        }
        catch (Exception ex) {
            System.out.println("FAILED rep " + (rep + 1) + " " + pinning.id + " " + group[0] + " " + group[1] + ": "
                    + ex.getMessage());
            return 1;
        }
        finally {
            System.out.flush();
        }
    }

    private int cRing(MatrixResults results, int rep, MatrixResults.Pinning pinning, String tag) {
        if (this.cBinary == null) {
            return 0;
        }
        double scale = this.profile.equals("full") ? 1 : this.profile.equals("quick") ? 0.4 : 0.01;
        try {
            new CBaseline(this.cBinary, scale).runRing(tag, pinning == MatrixResults.Pinning.PINNED,
                    (mechanism, metric, value, unit) -> {
                        String ours = metric.equals("thr-64B") ? "thr" : metric.equals("rtt-p50-64B") ? "rtt-p50"
                                : metric.equals("rtt-p99-64B") ? "rtt-p99" : null;
                        if (mechanism.equals("c-shm-ring") && ours != null) {
                            results.add(rep, pinning, MatrixResults.C_RING_CELL, MatrixResults.C_CONTENDER, ours, value);
                        }
                    });
            return 0;
        }
        catch (Exception ex) {
            System.out.println("FAILED rep " + (rep + 1) + " " + pinning.id + " C ring: " + ex.getMessage());
            return 1;
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (Exception ex) {
            return "unknown";
        }
    }
}
