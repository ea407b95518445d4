package dev.springipc.core.ring;

import dev.springipc.core.support.SharedMemory;

/**
 * The one consumer of a single-consumer ring: the handle in the consumer slot, bound to one
 * thread, takes no lock. It alone moves the head and the cleared position, so it keeps its own
 * copies and only publishes them (for {@code depth()}, producers and a successor): reading a
 * field spares a checked load from the mapping on every look.
 */
final class SoleConsumer extends RingConsumer {

    /** The consumer slot and the one thread that receives through this handle. */
    private final SoleRole role;

    /**
     * Inside a read, so that a handler polling this handle again gets nothing instead of the
     * record being handled (the consumer lock does that for many consumers).
     */
    private boolean consuming;

    private long head;

    private long cleared;

    private SoleConsumer(RingArea ring, long stallTimeoutNanos, long handleId) {
        super(ring, stallTimeoutNanos);
        this.role = new SoleRole(HandleSlot.CONSUMER, ring.buffer, handleId, ring.resource);
    }

    /** See {@link LockedConsumer#on}: typed as the base class on purpose. */
    static RingConsumer on(RingArea ring, long stallTimeoutNanos, long handleId) {
        return new SoleConsumer(ring, stallTimeoutNanos, handleId);
    }

    @Override
    void checkThread() {
        if (!this.role.playedBy(Thread.currentThread())) {
            becomeConsumer();
        }
    }

    private void becomeConsumer() {
        // A holder that died inside a read had not moved the head past what it was reading (in
        // poll: handling): that is delivered again, not lost. A thread of this handle that ended
        // cannot be inside a read any more.
        if (this.role.take() != SoleRole.HANDED_OVER) {
            // The positions in this object carry over from a thread of this handle that ended;
            // otherwise (a new holder, or one taking over from a dead process) the ring's own
            // are the truth.
            this.head = this.ring.head();
            this.cleared = this.ring.cleared();
        }
        this.consuming = false;
    }

    @Override
    boolean tryEnter() {
        if (this.consuming) {
            return false;
        }
        this.consuming = true;
        return true;
    }

    @Override
    void leave() {
        this.consuming = false;
    }

    @Override
    boolean ownsHead() {
        // Only this handle moves the head.
        return true;
    }

    @Override
    long head() {
        return this.head;
    }

    @Override
    long cleared() {
        return this.cleared;
    }

    @Override
    void publishHead(long head) {
        this.head = head;
        SharedMemory.putLongRelease(this.buffer, RingDescriptor.HEAD_OFFSET, head);
    }

    @Override
    void publishCleared(long cleared) {
        this.cleared = cleared;
        SharedMemory.putLongRelease(this.buffer, RingDescriptor.CLEARED_OFFSET, cleared);
    }

    @Override
    void release() {
        this.role.release();
    }
}
