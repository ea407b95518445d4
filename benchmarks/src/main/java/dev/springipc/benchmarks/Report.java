package dev.springipc.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Collects the figures of all repeats and prints, per mechanism and metric: each repeat, the
 * median, and the ratio to the baseline. A ratio is taken within each repeat (the two figures
 * were measured seconds apart) and the median of those per-repeat ratios is printed, so a slow
 * phase of the machine that hits one repeat does not skew it.
 */
final class Report {

    /** Native limits from the C kit, for the mechanisms where they are comparable. */
    private static final Map<String, String> C_BASELINES = Map.of("posix-mq", "c-mq", "shm-poll", "c-shm-ring",
            "agrona-handler", "c-shm-ring", "sysv-mq", "c-sysv-mq", "fifo", "c-fifo");

    private final int reps;

    /** mechanism -> metric -> value per repeat (NaN when missing). */
    private final Map<String, Map<String, double[]>> values = new LinkedHashMap<>();

    /** "mechanism metric" -> unit: one metric may come in different units from different families. */
    private final Map<String, String> units = new LinkedHashMap<>();

    private final Map<String, String> baselines = new LinkedHashMap<>();

    /** User-level mechanism -> its core mechanism (null for the socket baselines). */
    private final Map<String, String> cores = new LinkedHashMap<>();

    /** Cloud-stream mechanism -> the one its ratio is taken to (null for the reference, rabbit). */
    private final Map<String, String> cloudStream = new LinkedHashMap<>();

    Report(int reps) {
        this.reps = reps;
    }

    void baseline(String mechanism, String baseline) {
        this.baselines.put(mechanism, baseline);
    }

    /** Registers a user-level mechanism and the core mechanism of the same transport (or null). */
    void core(String mechanism, String core) {
        this.cores.put(mechanism, core);
    }

    /** Registers a cloud-stream mechanism and the one it is compared with (or null). */
    void cloudStream(String mechanism, String comparedWith) {
        this.cloudStream.put(mechanism, comparedWith);
    }

    void add(int rep, String mechanism, String metric, double value, String unit) {
        double[] perRep = this.values.computeIfAbsent(mechanism, m -> new LinkedHashMap<>())
                .computeIfAbsent(metric, m -> filled(this.reps));
        perRep[rep] = value;
        this.units.put(mechanism + " " + metric, unit);
    }

    void print(PrintStream out) {
        if (this.values.keySet().stream().anyMatch(this::isCore)) {
            printCore(out);
            printGoals(out);
        }
        if (this.values.keySet().stream().anyMatch(this.cores::containsKey)) {
            printSpringLevel(out);
        }
        if (this.values.keySet().stream().anyMatch(this.cloudStream::containsKey)) {
            printCloudStream(out);
        }
    }

    /** A mechanism of the core family (or a C baseline), not of the spring or cloud-stream family. */
    private boolean isCore(String mechanism) {
        return !this.cores.containsKey(mechanism) && !this.cloudStream.containsKey(mechanism);
    }

    private void printCore(PrintStream out) {
        out.println();
        out.println("== results: each repeat, median, and median of per-repeat ratios");
        out.println("   (thr = one-way Mmsg/s, higher is better; rtt = round trip µs, lower is better;");
        out.println("    ratio = this / baseline, so >1 is faster for thr and slower for rtt)");
        out.printf("%-16s %-12s %-8s %-40s %9s %12s %12s%n", "mechanism", "metric", "unit", "repeats", "median",
                "vs Agrona", "vs C");
        this.values.entrySet().stream().filter(entry -> isCore(entry.getKey())).forEach(entry -> {
            String mechanism = entry.getKey();
            entry.getValue().forEach((metric, perRep) -> {
            String agrona = this.baselines.get(mechanism);
            String c = C_BASELINES.get(mechanism);
            out.printf("%-16s %-12s %-8s %-40s %9.3f %12s %12s%n", mechanism, metric, unit(mechanism, metric),
                    join(perRep), median(perRep), ratioText(mechanism, agrona, metric),
                    ratioText(mechanism, c, metric));
            });
        });
    }

    private void printCloudStream(PrintStream out) {
        out.println();
        out.println("== cloud stream: one Spring Cloud Stream application, 64 B String payloads, over the ipc binder");
        out.println("   and over the rabbit binder (RabbitMQ on localhost); ratio = ipc / rabbit, median of");
        out.println("   per-repeat ratios (> 1 is faster for thr and rr-rate, slower for rtt)");
        out.printf("%-16s %-16s %-8s %-40s %9s %10s%n", "mechanism", "metric", "unit", "repeats", "median",
                "vs rabbit");
        this.cloudStream.forEach((mechanism, comparedWith) -> this.values.getOrDefault(mechanism, Map.of())
            .forEach((metric, perRep) -> out.printf("%-16s %-16s %-8s %-40s %9.3f %10s%n", mechanism, metric,
                    unit(mechanism, metric), join(perRep), median(perRep),
                    ratioText(mechanism, comparedWith, metric))));
    }

    private void printSpringLevel(PrintStream out) {
        out.println();
        out.println("== spring level: IpcTemplate -> @IpcListener(String), 64 B, beside the core figures of the same");
        out.println("   transport, a JDK Unix-domain socket (uds) and Spring Integration TCP over loopback (si-tcp);");
        out.println("   -cN = N concurrent callers of convertSendAndReceive; ratios are medians of per-repeat ratios");
        out.printf("%-16s %-16s %-8s %-40s %9s %10s %10s %10s%n", "mechanism", "metric", "unit", "repeats", "median",
                "vs core", "vs uds", "vs si-tcp");
        this.cores.forEach((mechanism, core) -> this.values.getOrDefault(mechanism, Map.of()).forEach((metric, perRep) ->
                out.printf("%-16s %-16s %-8s %-40s %9.3f %10s %10s %10s%n", mechanism, metric,
                        unit(mechanism, metric), join(perRep), median(perRep), (core == null) ? "-" : ratioText(mechanism, core, metric),
                        ratioText(mechanism, "uds", metric), ratioText(mechanism, "si-tcp", metric))));
        out.println();
        out.println("== spring-level goals (issue 13)");
        absoluteGoal(out, "spring shm thr 64B >= 5 Mmsg/s", "spring-shm", "thr-64B", 5.0, true);
        goal(out, "spring shm thr 64B vs core shm-poll >= 0.25", "spring-shm", "shm-poll", "thr-64B", 0.25, true);
        goal(out, "spring posix thr 64B vs core posix-mq >= 0.9", "spring-posix", "posix-mq", "thr-64B", 0.9, true);
        goal(out, "spring sysv thr 64B vs core sysv-mq >= 0.9", "spring-sysv", "sysv-mq", "thr-64B", 0.9, true);
        for (String callers : new String[] { "", "-c4", "-c16" }) {
            String label = callers.isEmpty() ? "1 caller" : callers.substring(2) + " callers";
            absoluteGoal(out, "spring shm RTT p50, default idle, " + label + " <= 10 us", "spring-shm",
                    "rtt-p50-64B" + callers, 10.0, false);
        }
        for (String callers : new String[] { "", "-c4", "-c16" }) {
            String label = callers.isEmpty() ? "1 caller" : callers.substring(2) + " callers";
            absoluteGoal(out, "spring shm RTT p50, busy-spin, " + label + " <= 3 us", "spring-shm-spin",
                    "rtt-p50-64B" + callers, 3.0, false);
        }
        goal(out, "spring shm RTT p50, default idle, vs uds <= 1.0", "spring-shm", "uds", "rtt-p50-64B", 1.0, false);
        goal(out, "spring shm thr 64B vs si-tcp (no bound; > 1 faster)", "spring-shm", "si-tcp", "thr-64B",
                Double.NaN, true);
        goal(out, "spring shm RTT p50 vs si-tcp (no bound; < 1 faster)", "spring-shm", "si-tcp", "rtt-p50-64B",
                Double.NaN, false);
    }

    /** A goal on the median of this run's repeats of one figure. */
    private void absoluteGoal(PrintStream out, String what, String mechanism, String metric, double bound,
            boolean atLeast) {
        double value = median(series(mechanism, metric));
        String verdict = Double.isNaN(value) ? "NOT MEASURED"
                : (atLeast ? value >= bound : value <= bound) ? "MET" : "NOT MET";
        out.printf("%-50s %8.2f  %s%n", what, value, verdict);
    }

    private void printGoals(PrintStream out) {
        out.println();
        out.println("== goals (ratios as above; then the median over the repeats where neither side ran in a slow");
        out.println("   phase, i.e. worse than twice the C ring's median round trip or under half its throughput)");
        goal(out, "shm thr 64B, plain API vs Agrona copy >= 1.0", "shm", "agrona-copy", "thr-64B", 1.0, true);
        goal(out, "shm thr 64B, poll vs Agrona handler >= 1.0", "shm-poll", "agrona-handler", "thr-64B", 1.0, true);
        goal(out, "shm RTT p50, poll vs Agrona handler <= 1.2", "shm-poll", "agrona-handler", "rtt-p50-64B", 1.2,
                false);
        goal(out, "shm RTT p50, plain API vs Agrona copy <= 1.2", "shm", "agrona-copy", "rtt-p50-64B", 1.2, false);
        goal(out, "POSIX mq RTT p50 vs C <= 1.5", "posix-mq", "c-mq", "rtt-p50-64B", 1.5, false);
        goal(out, "System V mq RTT p50 vs C <= 1.25", "sysv-mq", "c-sysv-mq", "rtt-p50-64B", 1.25, false);
        goal(out, "System V mq thr 64B vs C >= 0.8", "sysv-mq", "c-sysv-mq", "thr-64B", 0.8, true);
    }

    private void goal(PrintStream out, String what, String mechanism, String baseline, String metric, double bound,
            boolean atLeast) {
        double ratio = ratio(mechanism, baseline, metric);
        String verdict = Double.isNaN(ratio) ? "NOT MEASURED" : Double.isNaN(bound) ? "(ratio only)"
                : (atLeast ? ratio >= bound : ratio <= bound) ? "MET" : "NOT MET";
        double[] fast = fastPairRatios(mechanism, baseline, metric);
        String fastText = (fast.length == 0) ? "" : String.format("  fast-phase pairs: %.2f over %d", median(fast),
                fast.length);
        out.printf("%-50s %8.2f  %-12s%s%n", what, ratio, verdict, fastText);
    }

    /**
     * The per-repeat ratios of the repeats where neither figure comes from a slow phase of the
     * machine, judged against the C SPSC ring's median in this run (the native limit, measured in
     * every repeat): none if the C ring was not measured or the metric is not one it has.
     */
    double[] fastPairRatios(String mechanism, String baseline, String metric) {
        double nativeLimit = median(series("c-shm-ring", metric));
        if (Double.isNaN(nativeLimit) || baseline.startsWith("c-") || this.cores.containsKey(mechanism)) {
            return new double[0];
        }
        boolean roundTrip = metric.startsWith("rtt");
        double[] ours = series(mechanism, metric);
        double[] theirs = series(baseline, metric);
        return IntStream.range(0, this.reps)
            .filter(rep -> fast(ours[rep], nativeLimit, roundTrip) && fast(theirs[rep], nativeLimit, roundTrip))
            .mapToDouble(rep -> ours[rep] / theirs[rep])
            .toArray();
    }

    private static boolean fast(double value, double nativeMedian, boolean roundTrip) {
        return !Double.isNaN(value) && (roundTrip ? value <= 2 * nativeMedian : value >= nativeMedian / 2);
    }

    private String ratioText(String mechanism, String baseline, String metric) {
        if (baseline == null || baseline.equals(mechanism)) {
            return "-";
        }
        double ratio = ratio(mechanism, baseline, metric);
        return Double.isNaN(ratio) ? "-" : String.format("%.2f x", ratio);
    }

    /** Median over repeats of this repeat's figure divided by the baseline's in the same repeat. */
    double ratio(String mechanism, String baseline, String metric) {
        double[] ours = series(mechanism, metric);
        double[] theirs = series(baseline, metric);
        double[] ratios = filled(this.reps);
        for (int rep = 0; rep < this.reps; rep++) {
            ratios[rep] = ours[rep] / theirs[rep];
        }
        return median(ratios);
    }

    private String unit(String mechanism, String metric) {
        return this.units.get(mechanism + " " + metric);
    }

    private double[] series(String mechanism, String metric) {
        return this.values.getOrDefault(mechanism, Map.of()).getOrDefault(metric, filled(this.reps));
    }

    static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).sorted()
                .toArray();
        if (present.length == 0) {
            return Double.NaN;
        }
        int mid = present.length / 2;
        return (present.length % 2 == 1) ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    private static double[] filled(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static String join(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : " ").append(Double.isNaN(value) ? "-" : String.format("%.3f", value));
        }
        return text.toString();
    }
}
