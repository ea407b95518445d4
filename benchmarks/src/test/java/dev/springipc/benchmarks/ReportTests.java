package dev.springipc.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the report turns per-repeat figures into ratios, and which pairs count as fast. */
class ReportTests {

    private static Report report(double[] ours, double[] agrona, double[] cRing) {
        Report report = new Report(ours.length);
        report.baseline("shm-poll", "agrona-handler");
        for (int rep = 0; rep < ours.length; rep++) {
            report.add(rep, "agrona-handler", "rtt-p50-64B", agrona[rep], "us");
            report.add(rep, "shm-poll", "rtt-p50-64B", ours[rep], "us");
            if (cRing != null) {
                report.add(rep, "c-shm-ring", "rtt-p50-64B", cRing[rep], "us");
            }
        }
        return report;
    }

    @Test
    void theRatioIsTheMedianOfPerRepeatRatiosNotARatioOfMedians() {
        // Ours is 1.1x Agrona in every repeat, whatever the phase; the medians alone would say 0.6/0.2.
        Report report = report(new double[] { 0.22, 0.66, 0.66 }, new double[] { 0.20, 0.60, 0.60 }, null);
        assertEquals(1.1, report.ratio("shm-poll", "agrona-handler", "rtt-p50-64B"), 1e-9);
    }

    @Test
    void fastPhasePairsLeaveOutEveryRepeatWhereEitherSideRanSlowerThanTwiceTheCRing() {
        double[] ours = { 0.22, 0.60, 0.24, 0.21, 0.58 };
        double[] agrona = { 0.20, 0.20, 0.55, 0.20, 0.56 };
        double[] cRing = { 0.21, 0.22, 0.20, 0.21, 0.60 };
        Report report = report(ours, agrona, cRing);
        // The C ring's median is 0.21, so the bound is 0.42: repeats 1 and 4 only.
        assertArrayEquals(new double[] { 0.22 / 0.20, 0.21 / 0.20 },
                report.fastPairRatios("shm-poll", "agrona-handler", "rtt-p50-64B"), 1e-9);
        assertEquals(0, report(ours, agrona, null).fastPairRatios("shm-poll", "agrona-handler", "rtt-p50-64B").length);
    }

    @Test
    void theGoalsNameBothFigures() {
        // Figures a binary fraction apart, so that the printed roundings are exact.
        Report report = report(new double[] { 0.3125, 0.75, 0.28125 }, new double[] { 0.25, 0.25, 0.25 },
                new double[] { 0.25, 0.25, 0.25 });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        // Per-repeat ratios 1.25, 3, 1.125: median 1.25, over the bound; the slow repeat left
        // out, 1.25 and 1.125 give 1.1875.
        assertTrue(text.contains("shm RTT p50, poll vs Agrona handler <= 1.2             1.25  NOT MET"), text);
        assertTrue(text.contains("fast-phase pairs: 1.19 over 2"), text);
        assertTrue(text.contains("shm thr 64B, poll vs Agrona handler >= 1.0              NaN  NOT MEASURED"), text);
    }

    @Test
    void theSpringLevelTableGivesRatiosToTheCoreTheSocketAndSpringIntegrationAndJudgesTheGoals() {
        Report report = new Report(2);
        report.core("spring-shm", "shm-poll");
        report.core("uds", null);
        report.core("si-tcp", null);
        // Per-repeat ratios to the core 0.25 and 0.5 (median 0.375), to uds 2 and 2, to si-tcp 4 and 4.
        double[][] thr = { { 1, 2 }, { 4, 4 }, { 0.5, 1 }, { 0.25, 0.5 } };
        String[] mechanisms = { "spring-shm", "shm-poll", "uds", "si-tcp" };
        for (int m = 0; m < mechanisms.length; m++) {
            for (int rep = 0; rep < 2; rep++) {
                report.add(rep, mechanisms[m], "thr-64B", thr[m][rep], "Mmsg/s");
            }
        }
        report.add(0, "spring-shm", "rtt-p50-64B", 8, "us");
        report.add(1, "spring-shm", "rtt-p50-64B", 12, "us");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*\\nspring-shm +thr-64B +Mmsg/s +1\\.000 2\\.000 +1\\.500 +0\\.38 x +2\\.00 x +4\\.00 x\\n.*"),
                text);
        assertTrue(text.contains("spring shm thr 64B >= 5 Mmsg/s                         1.50  NOT MET"), text);
        assertTrue(text.contains("spring shm thr 64B vs core shm-poll >= 0.25            0.38  MET"), text);
        // Median of 8 and 12 is 10: at the bound, which meets it.
        assertTrue(text.contains("spring shm RTT p50, default idle, 1 caller <= 10 us    10.00  MET"), text);
        assertTrue(text.contains("spring shm RTT p50, busy-spin, 1 caller <= 3 us         NaN  NOT MEASURED"), text);
    }

    @Test
    void theCloudStreamTableGivesTheRatioOfIpcToRabbitInTheFamilysOwnUnits() {
        Report report = new Report(2);
        report.cloudStream("scst-ipc", "scst-rabbit");
        report.cloudStream("scst-rabbit", null);
        report.core("spring-shm", null);
        // Per-repeat ratios 4 and 8 (median 6); spring-shm's thr-64B in Mmsg/s beside kmsg/s here.
        report.add(0, "scst-ipc", "thr-64B", 16, "kmsg/s");
        report.add(1, "scst-ipc", "thr-64B", 32, "kmsg/s");
        report.add(0, "scst-rabbit", "thr-64B", 4, "kmsg/s");
        report.add(1, "scst-rabbit", "thr-64B", 4, "kmsg/s");
        report.add(0, "spring-shm", "thr-64B", 2, "Mmsg/s");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*\\nscst-ipc +thr-64B +kmsg/s +16\\.000 32\\.000 +24\\.000 +6\\.00 x\\n.*"), text);
        assertTrue(text.matches("(?s).*\\nscst-rabbit +thr-64B +kmsg/s +4\\.000 4\\.000 +4\\.000 +-\\n.*"), text);
        assertTrue(text.matches("(?s).*\\nspring-shm +thr-64B +Mmsg/s +2\\.000 - .*"), text);
        // Neither family's figures land in the core table.
        assertTrue(!text.contains("== results"), text);
    }
}
