package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * How one queue handle plays the sole producer or sole consumer of a ring: the {@link HandleSlot}
 * that keeps other handles out, and the one thread of this handle that may act. Another thread
 * may take over once that one has ended, as when a pool replaces a thread.
 */
final class SoleRole {

    /** {@link #take()}: a thread of this handle that had ended handed the role over. */
    static final long HANDED_OVER = -1L;

    private final HandleSlot slot;

    private final ByteBuffer ring;

    private final long handleId;

    private final String resource;

    /** Written under this object's lock; read unlocked by the acting thread, which sees its own write. */
    private @Nullable Thread thread;

    SoleRole(HandleSlot slot, ByteBuffer ring, long handleId, String resource) {
        this.slot = slot;
        this.ring = ring;
        this.handleId = handleId;
        this.resource = resource;
    }

    /** Whether {@code current} plays the role now: the hot path's only check. */
    boolean playedBy(Thread current) {
        return current == this.thread;
    }

    /**
     * Makes the calling thread play the role.
     * @return {@link #HANDED_OVER}; 0 if this handle claimed the free slot; or the id of the dead
     *         holder it took the slot from (which may have left work half done)
     * @throws IllegalStateException if another live thread of this handle plays it
     * @throws IpcException if another live handle does
     */
    synchronized long take() {
        Thread current = Thread.currentThread();
        Thread owner = this.thread;
        if (owner != null && owner != current && owner.isAlive()) {
            throw new IllegalStateException(this.resource + " takes a single " + this.slot.role + ", and thread '"
                    + owner.getName() + "' " + this.slot.verb + "s through this handle; " + this.slot.verb
                    + " from that thread only, or remove the queue and create it without " + this.slot.option);
        }
        if (owner != null) {
            this.thread = current;
            return HANDED_OVER;
        }
        long deadHolder = this.slot.claim(this.ring, this.handleId, this.resource);
        this.thread = current;
        return deadHolder;
    }

    /** Frees the slot, if this handle holds it. */
    void release() {
        this.slot.release(this.ring, this.handleId);
    }
}
