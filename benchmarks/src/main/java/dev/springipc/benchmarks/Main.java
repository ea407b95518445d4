package dev.springipc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Entry point of the cross-process benchmark.
 * <ul>
 * <li>{@code run [--reps N] [--scale X] [--families core,spring] [--only id,id] [--c-bin PATH]}: the
 * orchestrator. For each repeat it runs every mechanism in turn (A B A B ...), each in a fresh
 * measuring JVM on CPU 0 (whose peer JVMs run on CPU 1), then the C baselines, and prints the
 * report. Family {@code core} is {@link Mechanisms#ALL}, {@code spring} is {@link Mechanisms#USER},
 * {@code cloud-stream} (not in the default) is {@link Mechanisms#CLOUD_STREAM}.</li>
 * <li>{@code measure <mechanism> <tag> <scale>}: one measuring JVM.</li>
 * <li>{@code matrix ...}: the ring matrix of issue 16 (see {@link MatrixRun}); {@code duel ...} and
 * {@code duel-peer}: its measuring and peer JVMs ({@link RingDuel}, {@link RingDuelPeer}).</li>
 * <li>{@code message-calls}: prints the binding this JVM's kernel queues call through.</li>
 * <li>{@code peer ...}: one peer JVM (see {@link Peer}); {@code user-peer <mechanism> <tag> <warmup>
 * <measured>}: the peer of a {@link UserMechanism}.</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = (args.length == 0) ? "run" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "run" -> System.exit(orchestrate(rest));
            case "measure" -> measure(rest);
            case "peer" -> Peer.run(rest);
            case "user-peer" -> userPeer(rest);
            case "matrix" -> System.exit(MatrixRun.parse(rest).run());
            case "duel" -> RingDuel.main(rest);
            case "duel-peer" -> RingDuelPeer.run();
            case "message-calls" -> System.out.println(dev.springipc.core.sys.MessageCalls.bound().implementation());
            default -> throw new IllegalArgumentException("usage: run | measure | peer | matrix");
        }
    }

    private static void measure(String[] args) throws Exception {
        Jvm.exitWhenParentDies();
        try {
            Workload workload = new Workload(Double.parseDouble(args[2]));
            UserMechanism user = Mechanisms.userById(args[0]);
            if (user != null) {
                new UserMeasure(user, args[1], workload).run();
            }
            else {
                new Measure(Mechanisms.byId(args[0]), args[1], workload).runAll();
            }
        }
        finally {
            Cleanup.runAll();
        }
    }

    /** Serves until the measuring JVM stops us or goes away (then stdin closes and we exit). */
    private static void userPeer(String[] args) throws Exception {
        Jvm.exitWhenParentDies();
        try {
            Mechanisms.userById(args[0]).serve(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
            Thread.currentThread().join();
        }
        finally {
            Cleanup.runAll();
        }
    }

    /** @return the number of failed runs (the process exit status) */
    static int orchestrate(String[] args) throws Exception {
        Options options = Options.parse(args);
        String tag = "ipcbench" + ProcessHandle.current().pid();
        Report report = new Report(options.reps);
        Mechanisms.ALL.forEach(m -> report.baseline(m.id(), m.baseline()));
        Mechanisms.USER.forEach(m -> report.core(m.id(), m.core()));
        Mechanisms.CLOUD_STREAM.forEach(m -> report.cloudStream(m.id(), m.comparedWith()));
        int failures = 0;
        for (int rep = 0; rep < options.reps; rep++) {
            // Odd repeats run in reverse order (A B ... B A), so that neither side of a pair
            // always runs first, right after the other's JVM has exited.
            List<String> order = new ArrayList<>(options.mechanisms);
            if (rep % 2 == 1) {
                Collections.reverse(order);
            }
            for (String mechanism : order) {
                failures += runMeasuringJvm(mechanism, tag + "r" + rep, options.scale, rep, report);
            }
            if (options.cBinary != null && options.mechanisms.stream().anyMatch(id -> Mechanisms.userById(id) == null)) {
                int thisRep = rep;
                try {
                    new CBaseline(options.cBinary, options.scale).run(tag + "c" + rep, (m, metric, value, unit) -> {
                        printFigure(thisRep, m, metric, value, unit);
                        report.add(thisRep, m, metric, value, unit);
                    });
                }
                catch (Exception ex) {
                    System.out.println("FAILED rep " + (rep + 1) + " C baseline: " + ex.getMessage());
                    failures++;
                }
            }
        }
        report.print(System.out);
        return failures;
    }

    private static int runMeasuringJvm(String mechanism, String tag, double scale, int rep, Report report) {
        try (Jvm jvm = Jvm.start(0, "measure", mechanism, tag, Double.toString(scale))) {
            for (String line = jvm.readLine(); line != null; line = jvm.readLine()) {
                String[] fields = line.split("\\|");
                if (fields.length == 5 && fields[0].equals("RESULT")) {
                    double value = Double.parseDouble(fields[3]);
                    printFigure(rep, fields[1], fields[2], value, fields[4]);
                    report.add(rep, fields[1], fields[2], value, fields[4]);
                }
            }
            jvm.awaitExit(30);
            return 0;
        }
        catch (Exception ex) {
            System.out.println("FAILED rep " + (rep + 1) + " " + mechanism + ": " + ex.getMessage());
            return 1;
        }
    }

    private static void printFigure(int rep, String mechanism, String metric, double value, String unit) {
        System.out.printf("rep %d  %-16s %-12s %10.3f %s%n", rep + 1, mechanism, metric, value, unit);
        System.out.flush();
    }

    /** Command-line options of {@code run}. */
    private record Options(int reps, double scale, List<String> mechanisms, Path cBinary) {

        static Options parse(String[] args) {
            int reps = 3;
            double scale = 1.0;
            List<String> families = List.of("core", "spring");
            List<String> only = null;
            Path cBinary = null;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--reps" -> reps = Integer.parseInt(args[i + 1]);
                    case "--scale" -> scale = Double.parseDouble(args[i + 1]);
                    case "--only" -> only = Arrays.stream(args[i + 1].split(",")).map(Options::known).toList();
                    case "--families" -> families = List.of(args[i + 1].split(","));
                    case "--c-bin" -> cBinary = Files.isExecutable(Path.of(args[i + 1])) ? Path.of(args[i + 1]) : null;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            List<String> mechanisms = new ArrayList<>();
            if (only != null) {
                mechanisms.addAll(only);
            }
            else {
                if (families.contains("core")) {
                    Mechanisms.ALL.forEach(m -> mechanisms.add(m.id()));
                }
                if (families.contains("spring")) {
                    Mechanisms.USER.forEach(m -> mechanisms.add(m.id()));
                }
                if (families.contains("cloud-stream")) {
                    Mechanisms.CLOUD_STREAM.forEach(m -> mechanisms.add(m.id()));
                }
            }
            return new Options(reps, scale, mechanisms, cBinary);
        }

        private static String known(String id) {
            return (Mechanisms.userById(id) != null) ? id : Mechanisms.byId(id).id();
        }
    }
}
