package dev.springipc.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.springipc.core.SysvKey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-process harness end to end, at a tiny scale: real measuring and peer JVMs for an
 * Agrona baseline, our shm ring and a kernel queue, two interleaved repeats, the report with its
 * ratios, and nothing left behind in /dev/shm or /dev/mqueue; and the spring family (template to
 * listener, Unix-domain socket, Spring Integration TCP) with its ratios.
 */
class HarnessSmokeTests {

    @Test
    void twoRepeatsMeasureEveryFigureAndPrintTheRatiosAndLeaveNothingBehind() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int failures;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            failures = Main.orchestrate(new String[] { "--reps", "2", "--scale", "0.001", "--only",
                    "agrona-handler,shm-poll,posix-mq" });
        }
        finally {
            System.setOut(original);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, report);
        for (String mechanism : List.of("agrona-handler", "shm-poll", "posix-mq")) {
            for (String metric : List.of("thr-64B", "thr-1KiB", "rtt-p50-64B", "rtt-p99-64B")) {
                for (int rep = 1; rep <= 2; rep++) {
                    Pattern figure = Pattern.compile("(?m)^rep " + rep + " +" + mechanism + " +" + metric
                            + " +[0-9.]+ ");
                    assertTrue(figure.matcher(report).find(),
                            mechanism + " " + metric + " in repeat " + rep + ":\n" + report);
                }
            }
        }
        Pattern ratio = Pattern.compile("(?m)^shm-poll +rtt-p50-64B +us +[0-9.]+ [0-9.]+ +[0-9.]+ +[0-9.]+ x ");
        assertTrue(ratio.matcher(report).find(), report);
        Pattern goal = Pattern.compile("(?m)^shm RTT p50, poll vs Agrona handler <= 1.2 +[0-9.]+  (MET|NOT MET)");
        assertTrue(goal.matcher(report).find(), report);
        String tag = "ipcbench" + ProcessHandle.current().pid();
        assertEquals(List.of(), leftovers(Path.of("/dev/shm"), tag));
        assertEquals(List.of(), leftovers(Path.of("/dev/mqueue"), tag));
    }

    @Test
    void theSpringFamilyMeasuresTemplateToListenerAndTheSocketBaselinesAndLeavesNothingBehind() throws Exception {
        List<String> mechanisms = List.of("spring-shm", "spring-posix", "spring-sysv", "uds", "si-tcp");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int failures;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            failures = Main.orchestrate(new String[] { "--reps", "1", "--scale", "0.001", "--only",
                    String.join(",", mechanisms) });
        }
        finally {
            System.setOut(original);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, report);
        for (String mechanism : mechanisms) {
            for (String metric : List.of("thr-64B", "rtt-p50-64B", "rtt-p99-64B", "rr-rate-64B")) {
                Pattern figure = Pattern.compile("(?m)^rep 1 +" + mechanism + " +" + metric + " +[0-9.]+ ");
                assertTrue(figure.matcher(report).find(), mechanism + " " + metric + ":\n" + report);
            }
        }
        for (String metric : List.of("rtt-p50-64B-c4", "rtt-p99-64B-c16", "rr-rate-64B-c16")) {
            assertTrue(Pattern.compile("(?m)^rep 1 +spring-shm +" + metric + " +[0-9.]+ ").matcher(report).find(),
                    metric + ":\n" + report);
        }
        // The spring table names the ratios to UDS and to Spring Integration TCP.
        Pattern ratios = Pattern.compile("(?m)^spring-shm +thr-64B +Mmsg/s +[0-9.]+ +[0-9.]+ +- +[0-9.]+ x +[0-9.]+ x$");
        assertTrue(ratios.matcher(report).find(), report);
        Pattern goal = Pattern.compile("(?m)^spring shm thr 64B >= 5 Mmsg/s +[0-9.]+  (MET|NOT MET)$");
        assertTrue(goal.matcher(report).find(), report);
        String tag = "ipcbench" + ProcessHandle.current().pid();
        assertEquals(List.of(), leftovers(Path.of("/dev/shm"), tag));
        assertEquals(List.of(), leftovers(Path.of("/dev/mqueue"), tag));
        assertEquals(List.of(), leftovers(Path.of(System.getProperty("java.io.tmpdir")), tag));
        List<String> sysvKeys = new ArrayList<>();
        for (String key : List.of("sink", "requests", "replies")) {
            sysvKeys.add(Integer.toString(SysvKey.of(tag + "r0-spring-sysv-" + key)));
        }
        List<String> queues = Files.readAllLines(Path.of("/proc/sysvipc/msg"));
        assertTrue(queues.stream().map(line -> line.trim().split("\\s+")[0]).noneMatch(sysvKeys::contains),
                String.join("\n", queues));
    }

    private static List<String> leftovers(Path directory, String tag) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.contains(tag)).toList();
        }
    }
}
