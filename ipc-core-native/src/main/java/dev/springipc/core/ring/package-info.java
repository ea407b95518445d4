/**
 * The fast path between JVMs on one host: a ring buffer of variable-size records in POSIX
 * shared memory, in the manner of Agrona's ring buffers, for many producers or a single one and
 * many consumers or a single one (a single producer and a single consumer make Agrona's
 * {@code OneToOneRingBuffer}). No system call per message while the consumers are busy; a record
 * whose producer died half-way is skipped after the stall timeout, and a single producer or
 * consumer that died is taken over.
 */
@NullMarked
package dev.springipc.core.ring;

import org.jspecify.annotations.NullMarked;
