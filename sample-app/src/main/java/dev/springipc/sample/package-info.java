/**
 * The runnable sample: an order pipeline between two processes, a producer (the process that
 * {@code java -jar} starts) and a consumer (its child), over every kind of IPC object the starter
 * declares. Start reading at {@link dev.springipc.sample.ProducerRun}.
 */
@NullMarked
package dev.springipc.sample;

import org.jspecify.annotations.NullMarked;
