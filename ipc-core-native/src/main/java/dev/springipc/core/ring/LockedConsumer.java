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

    LockedConsumer(RingArea ring, long stallTimeoutNanos, int pid) {
        super(ring, stallTimeoutNanos);
        this.pid = pid;
    }

    @Override
    void checkThread() {
        // Any thread may read: the lock orders them.
    }

    @Override
    boolean tryEnter() {
        // A consumer process that died inside its few-instruction critical section is taken over.
        return OwnerWord.tryAcquire(this.ring.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET,
                OwnerWord.of(this.pid, Thread.currentThread().getId()));
    }

    @Override
    void leave() {
        // Release: the next holder sees the head and cleared positions this one stored.
        SharedMemory.putLongRelease(this.ring.buffer, RingDescriptor.CONSUMER_LOCK_OFFSET, 0L);
    }

    @Override
    long head() {
        return this.ring.head();
    }

    @Override
    long cleared() {
        return this.ring.cleared();
    }

    @Override
    void publishHead(long head) {
        SharedMemory.putLongRelease(this.ring.buffer, RingDescriptor.HEAD_OFFSET, head);
    }

    @Override
    void publishCleared(long cleared) {
        SharedMemory.putLongRelease(this.ring.buffer, RingDescriptor.CLEARED_OFFSET, cleared);
    }
}
