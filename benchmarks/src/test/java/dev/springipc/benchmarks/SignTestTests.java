package dev.springipc.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sign test that tells a cell's real differences from the machine's noise. */
class SignTestTests {

    private static final double NaN = Double.NaN;

    @Test
    void theCountThatDecidesIsTheFewestWithATailOfAtMostFivePercent() {
        // 9 pairs: P(X >= 8) = 10/512 = 0.020, P(X >= 7) = 46/512 = 0.090.
        assertEquals(8, SignTest.decisive(9));
        // 5 pairs: all five, 1/32 = 0.031; 6 pairs: all six (7/64 = 0.109 for five).
        assertEquals(5, SignTest.decisive(5));
        assertEquals(6, SignTest.decisive(6));
        // 4 pairs: even all four (1/16) is not rare enough; nor is anything of none.
        assertEquals(5, SignTest.decisive(4));
        assertEquals(1, SignTest.decisive(0));
        // 20 pairs: P(X >= 15) = 0.021, P(X >= 14) = 0.058.
        assertEquals(15, SignTest.decisive(20));
    }

    @Test
    void eightOfNinePairsDecideAndSevenDoNot() {
        assertEquals(SignTest.Verdict.AGRONA_FASTER,
                SignTest.of(new double[] { 0.9, 0.8, 0.95, 0.99, 0.7, 0.9, 0.9, 0.9, 1.4 }).verdict());
        assertEquals(SignTest.Verdict.UNDECIDED,
                SignTest.of(new double[] { 0.9, 0.8, 0.95, 0.99, 0.7, 0.9, 0.9, 1.1, 1.4 }).verdict());
        assertEquals(SignTest.Verdict.OURS_FASTER,
                SignTest.of(new double[] { 1.1, 1.2, 1.01, 1.3, 1.1, 1.1, 1.1, 1.1, 1.1 }).verdict());
    }

    @Test
    void pairsNotMeasuredAndTiesAreLeftOut() {
        // Six measured, none a tie: all six lost decides (1/64); with a tie in them, five of five.
        assertEquals(SignTest.Verdict.AGRONA_FASTER,
                SignTest.of(new double[] { 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, NaN, NaN, NaN }).verdict());
        assertEquals(SignTest.Verdict.AGRONA_FASTER,
                SignTest.of(new double[] { 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, NaN, Double.POSITIVE_INFINITY }).verdict());
        assertEquals(SignTest.Verdict.UNDECIDED, SignTest.of(new double[] { 0.9, 0.9, 0.9, 0.9, 1.0, NaN }).verdict());
        assertEquals(SignTest.Verdict.UNDECIDED, SignTest.of(new double[0]).verdict());
    }

    @Test
    void theOutcomeCarriesThePairsItCounted() {
        SignTest.Outcome outcome = SignTest.of(new double[] { 0.9, 1.2, 1.0, NaN, 0.8, Double.NEGATIVE_INFINITY, 1.1 });
        assertEquals(2, outcome.won());
        assertEquals(2, outcome.lost());
        assertEquals(4, outcome.counted());
        assertEquals(SignTest.Verdict.UNDECIDED, outcome.verdict());
    }
}
