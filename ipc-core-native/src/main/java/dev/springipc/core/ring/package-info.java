/**
 * The fast path between JVMs on one host: a many-producer ring buffer of variable-size records
 * in POSIX shared memory, in the manner of Agrona's {@code ManyToOneRingBuffer}, with no system
 * call per message while the consumer is busy and with recovery from producers that die
 * half-way through a record.
 */
@NullMarked
package dev.springipc.core.ring;

import org.jspecify.annotations.NullMarked;
