/**
 * Synchronisation in shared memory that survives crashes: a robust pthread mutex, a cyclic
 * barrier that breaks when a party dies, and a spin lock that records its holder's pid. Each
 * object is a POSIX shared memory object whose layout a {@code …Descriptor} class fixes.
 */
@NullMarked
package dev.springipc.core.sync;

import org.jspecify.annotations.NullMarked;
