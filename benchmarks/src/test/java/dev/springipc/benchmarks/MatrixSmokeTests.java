package dev.springipc.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One topology and form of the ring matrix end to end, in the shortest windows: real duel and
 * peer JVMs, pinned and unpinned, every cell of the group measured for ours and Agrona's ring,
 * with the placement probes around each window, the goal lines, the chart, and nothing left
 * behind in /dev/shm.
 */
class MatrixSmokeTests {

    @Test
    void oneGroupMeasuresEveryCellPinnedAndUnpinnedDrawsTheChartAndLeavesNothingBehind(@TempDir Path dir)
            throws Exception {
        Path chart = dir.resolve("matrix.svg");
        Path raw = dir.resolve("figures.txt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int failures;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            failures = MatrixRun.parse(new String[] { "--reps", "1", "--profile", "smoke", "--only", "o2o/poll",
                    "--chart", chart.toString(), "--raw", raw.toString() }).run();
        }
        finally {
            System.setOut(original);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, report);
        String figure = " +[0-9]+\\.[0-9]+";
        for (String ring : List.of("64KiB", "1MiB", "16MiB")) {
            Pattern throughput = Pattern.compile("(?m)^one-to-one +poll +" + ring + " +(\\|" + figure + figure + figure
                    + "x[ !] *){3}$");
            assertEquals(2, throughput.matcher(report).results().count(), ring + ":\n" + report);
        }
        Pattern roundTrips = Pattern.compile("(?m)^one-to-one +poll +(\\|" + figure + figure + figure + "x[ !]" + figure
                + figure + " *){3}$");
        assertEquals(2, roundTrips.matcher(report).results().count(), report);
        // 9 of the 54 throughput cells and 3 of the 18 round-trip cells per pinning ran.
        assertTrue(report.contains("(90 cells not measured)"), report);
        assertTrue(report.contains("(30 cells not measured)"), report);
        // Every window had a placement probe before and after it, between the two JVMs.
        assertTrue(Pattern.compile("(?m)^pinned +(one placement \\(probe [0-9]+ ns typical, 24 windows\\): .*"
                + "|probe near [0-9]+ ns, far [0-9]+ ns .*)$").matcher(report).find(), report);
        // Every figure kept: 2 pinnings x (9 throughput + 3 round-trip cells) x 2 contenders, each
        // with its two probes, and the round trips' p99.
        List<String> figures = Files.readAllLines(raw);
        assertEquals(2 * 2 * (9 * 3 + 3 * 4), figures.size(), String.join("\n", figures));
        assertTrue(figures.stream().anyMatch(line -> line.matches(
                "0\\|pinned\\|o2o/poll/16MiB/4KiB\\|agrona\\|thr-probe-after\\|0\\|[0-9]+\\.[0-9]{4}")),
                String.join("\n", figures));
        String svg = Files.readString(chart);
        assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"), svg);
        String tag = "ipcbench" + ProcessHandle.current().pid() + "m";
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            assertEquals(List.of(), files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(tag)).toList());
        }
    }
}
