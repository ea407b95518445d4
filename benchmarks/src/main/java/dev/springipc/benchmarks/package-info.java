/**
 * Cross-process benchmarks: a measuring JVM and a peer JVM exchange numbered messages over one
 * {@link dev.springipc.benchmarks.Mechanism} at a time; {@link dev.springipc.benchmarks.Main}
 * interleaves the mechanisms over several repeats and prints medians and ratios. The ring matrix
 * of issue 16 ({@link dev.springipc.benchmarks.MatrixRun}) runs ours and Agrona's ring per
 * {@link dev.springipc.benchmarks.RingCell} in the same way, pinned and unpinned.
 */
package dev.springipc.benchmarks;
