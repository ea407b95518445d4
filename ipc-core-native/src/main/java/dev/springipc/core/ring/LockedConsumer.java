package dev.springipc.core.ring;

import dev.springipc.core.support.OwnerWord;
import dev.springipc.core.support.SharedMemory;

/**
 * A consumer among many (threads and processes): each read takes the consumer lock, an
 * {@link OwnerWord} holding {@code pid << 32 | thread id}, for the few instructions it needs,
 * and reads the head and cleared positions from the ring.
 */
final class LockedConsumer extends RingConsumer {

    private final int pid;

    private LockedConsumer(RingArea ring, long stallTimeoutNanos, int pid) {
        super(ring, stallTimeoutNanos);
        this.pid = pid;
    }

    /**
     * Typed as the base class on purpose: a caller that names only {@code RingConsumer} does not make the
     * verifier load this class, so a JVM using one topology loads one subclass, and the JIT binds
     * the hot calls statically (class hierarchy analysis) instead of guarding them by type.
     */
    static RingConsumer on(RingArea ring, long stallTimeoutNanos, int pid) {
        return new LockedConsumer(ring, stallTimeoutNanos, pid);
    }

    @Override
    void checkThread() {
        // Any thread may read: the lock orders them.
    }

    @Override
    boolean tryEnter() {
        // A consumer process that died inside its few-instruction critical section is taken over.
        return OwnerWord.tryAcquire(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET,
                OwnerWord.of(this.pid, Thread.currentThread().getId()));
    }

    @Override
    void leave() {
        // Release: the next holder sees the head and cleared positions this one stored.
        SharedMemory.putLongRelease(this.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET, 0L);
    }

    @Override
    boolean ownsHead() {
        // Another consumer may have read the record between a look and the lock.
        return false;
    }

    @Override
    long head() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.HEAD_OFFSET);
    }

    @Override
    long cleared() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.CLEARED_OFFSET);
    }

    @Override
    void publishHead(long head) {
        SharedMemory.putLongRelease(this.buffer, RingDescriptor.HEAD_OFFSET, head);
    }

    @Override
    void publishCleared(long cleared) {
        SharedMemory.putLongRelease(this.buffer, RingDescriptor.CLEARED_OFFSET, cleared);
    }
}
