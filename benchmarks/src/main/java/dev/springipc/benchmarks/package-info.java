/**
 * Cross-process benchmarks: a measuring JVM and a peer JVM exchange numbered messages over one
 * {@link dev.springipc.benchmarks.Mechanism} at a time; {@link dev.springipc.benchmarks.Main}
 * interleaves the mechanisms over several repeats and prints medians and ratios.
 */
package dev.springipc.benchmarks;
