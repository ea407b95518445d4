/**
 * JMH benchmarks of the single-process hot paths (one send and one receive per operation), run
 * with {@code -prof gc} to show the allocation per message ({@code gc.alloc.rate.norm}).
 */
package dev.springipc.benchmarks.jmh;
