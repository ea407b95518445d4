package dev.springipc.benchmarks;

/**
 * The one-sided sign test over a cell's pairs: if ours and Agrona's were alike, each pair would
 * go either way with even odds, and one side winning {@code k} or more of {@code n} pairs would
 * happen with probability P(X >= k), X binomial (n, 1/2). A cell is decided for a side when
 * that probability is at most {@link #ALPHA}: at 9 pairs, 8 won (p = 0.020; 7 won is p = 0.090).
 * It says which differences are the rings' and which the machine's: on a VM whose phases move
 * both sides by a quarter within seconds, a median ratio of 0.95 is often neither.
 */
final class SignTest {

    static final double ALPHA = 0.05;

    private SignTest() {
    }

    /** The fewest pairs of {@code n} one side must win to decide the cell; {@code n + 1} if no count can. */
    static int decisive(int n) {
        // P(X >= k) = sum over i >= k of C(n, i) / 2^n, summed from the top down.
        double tail = 0;
        double coefficient = 1; // C(n, n)
        for (int k = n; k >= 0; k--) {
            double next = tail + coefficient / Math.pow(2, n);
            if (next > ALPHA) {
                return k + 1;
            }
            tail = next;
            coefficient = coefficient * k / (n - k + 1); // C(n, k - 1)
        }
        return 0;
    }

    /**
     * What a cell's pair ratios (ours / Agrona's) decide, with the counts the test went by: pairs
     * not measured (NaN, infinite) and ties (1.0) are left out.
     */
    static Outcome of(double[] ratios) {
        int won = 0;
        int lost = 0;
        for (double ratio : ratios) {
            if (!Double.isFinite(ratio)) {
                continue;
            }
            if (ratio > 1.0) {
                won++;
            }
            else if (ratio < 1.0) {
                lost++;
            }
        }
        int needed = decisive(won + lost);
        Verdict verdict = (won >= needed) ? Verdict.OURS_FASTER
                : (lost >= needed) ? Verdict.AGRONA_FASTER : Verdict.UNDECIDED;
        return new Outcome(verdict, won, lost);
    }

    /** A cell's verdict, and the pairs ours won and lost. */
    record Outcome(Verdict verdict, int won, int lost) {

        /** The pairs the test counted. */
        int counted() {
            return this.won + this.lost;
        }
    }

    enum Verdict {
        OURS_FASTER, AGRONA_FASTER, UNDECIDED
    }
}
