package dev.springipc.core.reliability;

import java.util.concurrent.TimeUnit;

/**
 * The figures of one kill loop, printed as one {@code KILL-LOOP} line that docs/reliability.md
 * quotes: rounds, kills, messages, lost and duplicated ones, how often the kill hit the moment
 * that matters (a message in a handler, a lock held), and the time survivors took to recover.
 */
final class KillTally {

    private final String loop;

    private int rounds;

    private long messages;

    private long lost;

    private long duplicated;

    private int hits;

    private long recoverMaxNanos;

    private long recoverSumNanos;

    KillTally(String loop) {
        this.loop = loop;
    }

    void round(long recoverNanos) {
        this.rounds++;
        this.recoverMaxNanos = Math.max(this.recoverMaxNanos, recoverNanos);
        this.recoverSumNanos += recoverNanos;
    }

    void messages(long messages, long lost, long duplicated) {
        this.messages += messages;
        this.lost += lost;
        this.duplicated += duplicated;
    }

    /** The kill landed where it matters (a message being handled, a lock held). */
    void hit() {
        this.hits++;
    }

    void hits(long hits) {
        this.hits += (int) hits;
    }

    void print(String hitMeaning) {
        System.out.printf("KILL-LOOP %s rounds=%d kills=%d messages=%d lost=%d duplicated=%d %s=%d"
                + " recover-max=%dms recover-avg=%dms%n", this.loop, this.rounds, this.rounds, this.messages, this.lost,
                this.duplicated, hitMeaning, this.hits, TimeUnit.NANOSECONDS.toMillis(this.recoverMaxNanos),
                (this.rounds == 0) ? 0 : TimeUnit.NANOSECONDS.toMillis(this.recoverSumNanos / this.rounds));
    }
}
