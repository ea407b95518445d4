package dev.springipc.core.posix;

import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.sys.NativeError;

/**
 * The operations of a named semaphore below {@link PosixSemaphore}'s lifecycle and wait loop:
 * glibc's {@code sem_*} through JNA ({@link JnaSemaphoreCore}, the reference and the fallback),
 * or the same protocol done in Java on the mapped {@code sem_t} ({@link GlibcSemaphoreCore}).
 * Errors come back as {@link NativeError}s named after the {@code sem_*} call they stand for.
 */
interface SemaphoreCore {

    /** Takes a permit if one is free, without waiting. */
    boolean tryAcquire() throws NativeError;

    /**
     * Waits at most {@code nanos} for a permit and takes it; false when none came. An interrupt
     * is not noticed inside: the caller checks between slices.
     */
    boolean awaitSlice(long nanos, NativeScratch scratch) throws NativeError;

    /** Adds a permit and wakes a waiter; EOVERFLOW at SEM_VALUE_MAX. */
    void release() throws NativeError;

    /** The free permits now. */
    int value() throws NativeError;

    /**
     * Whether {@link #close()} frees memory that a call in flight may still use, so that every
     * call must be counted in and out; when false, hot calls only check the closed flag.
     */
    boolean closeFreesMemoryAtOnce();

    /** Which implementation this is, for logs and diagnostics. */
    String implementation();

    /** Closes this process's handle; the semaphore stays until unlinked. */
    void close() throws NativeError;
}
