package dev.springipc.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-process harness end to end, at a tiny scale: real measuring and peer JVMs for an
 * Agrona baseline, our shm ring and a kernel queue, two interleaved repeats, the report with its
 * ratios, and nothing left behind in /dev/shm or /dev/mqueue.
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

    private static List<String> leftovers(Path directory, String tag) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.contains(tag)).toList();
        }
    }
}
