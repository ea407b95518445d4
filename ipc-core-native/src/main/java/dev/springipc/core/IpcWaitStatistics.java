package dev.springipc.core;

/**
 * How long the callers of one handle waited for a lock or a permit: only acquisitions that could
 * not succeed at once count (an uncontended acquire costs nothing here), whether they then got it,
 * timed out or were interrupted. Live figures, cumulative since the handle was opened.
 */
public interface IpcWaitStatistics {

    /** Acquisitions that had to wait. */
    long waits();

    /** Total time those acquisitions waited, in nanoseconds. */
    long waitedNanos();
}
