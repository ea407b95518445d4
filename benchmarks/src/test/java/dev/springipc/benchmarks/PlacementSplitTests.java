package dev.springipc.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the placement probes of a run are split into near and far. */
class PlacementSplitTests {

    @Test
    void twoGroupsFarApartAreSplitBetweenThem() {
        // The VM of issue 16: mostly ~70 ns, a few ~37 ns, and a far phase at ~340 ns.
        PlacementSplit split = PlacementSplit.of(new double[] { 70, 72, 68, 37, 71, 340, 350, 330, 69, 38, 345, 75 });
        assertTrue(split.split());
        assertTrue(split.near() > 37 && split.near() < 75, split.toString());
        assertTrue(split.far() > 330 && split.far() < 350, split.toString());
        assertTrue(split.bound() > 75 && split.bound() < 330, split.toString());
        assertEquals(PlacementSplit.Placement.NEAR, split.of(70, 37));
        assertEquals(PlacementSplit.Placement.FAR, split.of(340, 400));
        assertEquals(PlacementSplit.Placement.MIXED, split.of(70, 340));
        assertEquals(PlacementSplit.Placement.MIXED, split.of(Double.NaN, 70));
        // Two processes on one CPU: the probe gave up before timing anything.
        assertEquals(PlacementSplit.Placement.FAR, split.of(Double.POSITIVE_INFINITY, 500));
    }

    @Test
    void groupsCloserThanTheSeparationAreOnePlacement() {
        // 37 and 70 ns are 1.9x apart: noise of one placement, not two.
        PlacementSplit split = PlacementSplit.of(new double[] { 70, 72, 68, 37, 71, 38, 69, 36, 75 });
        assertFalse(split.split());
        assertEquals(PlacementSplit.Placement.NEAR, split.of(37, 75));
        assertEquals(PlacementSplit.Placement.NEAR, split.of(Double.POSITIVE_INFINITY, 75));
        assertFalse(PlacementSplit.of(new double[] { 100, 100, 100 }).split());
        assertFalse(PlacementSplit.of(new double[] { 100 }).split());
    }

    @Test
    void noProbesMeanNoSplitAndEveryProbeMissing() {
        PlacementSplit split = PlacementSplit.of(new double[] { Double.NaN, Double.NaN });
        assertFalse(split.split());
        assertTrue(Double.isNaN(split.near()));
        assertEquals(PlacementSplit.Placement.MIXED, split.of(Double.NaN, Double.NaN));
    }
}
