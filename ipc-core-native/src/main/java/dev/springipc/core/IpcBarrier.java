package dev.springipc.core;

import java.time.Duration;
import java.util.Objects;

import dev.springipc.core.sync.SharedBarrier;

/**
 * A cyclic barrier across processes, like {@link java.util.concurrent.CyclicBarrier}: each
 * {@link #await(Duration)} waits until {@code parties} callers, in any processes, have arrived,
 * then all proceed and the barrier is ready for the next round.
 * <p>
 * It never waits forever on a dead party: if a waiting party's process dies, if a waiter times
 * out or is interrupted, or if the barrier is reset, the other waiters get
 * {@link IpcBarrierBrokenException}; a timed-out waiter gets {@link IpcTimeoutException}. A
 * broken barrier stays broken until {@link #reset()}. Waiters sleep on a futex, so crossing
 * costs no polling.
 */
public interface IpcBarrier extends IpcResource {

    /** A builder for the barrier {@code name} (e.g. {@code /demo.start}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Waits for all parties without time limit; returns the arrival index (0 for the last to arrive). */
    int await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for all parties; returns the arrival index ({@code parties - 1}
     * for the first to arrive, 0 for the last).
     */
    int await(Duration timeout) throws InterruptedException;

    /** Breaks the current round for its waiters and starts a fresh one. */
    void reset();

    /** Whether the current round is broken. */
    boolean isBroken();

    /** The number of parties that must arrive. */
    int parties();

    /** Parties waiting now (a snapshot). */
    int numberWaiting();

    /** Options for a barrier; the setters mirror the {@code ipc.barriers.*} keys. */
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String name;

        private int parties;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The number of parties; required, and an existing barrier must have the same number. */
        public Builder parties(int parties) {
            if (parties < 1 || parties > SharedBarrier.MAX_PARTIES) {
                throw new IllegalArgumentException("parties must be between 1 and " + SharedBarrier.MAX_PARTIES + ": "
                        + parties);
            }
            this.parties = parties;
            return this;
        }

        public IpcBarrier open() {
            if (this.parties == 0) {
                throw new IllegalArgumentException(this.name + ": parties(n) is required for a barrier");
            }
            return SharedBarrier.open(this.name, this.parties, this.mode, this.create, this.trust);
        }
    }
}
