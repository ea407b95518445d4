package dev.springipc.core.ring;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.Membarrier;
import dev.springipc.core.sys.NativeError;

/**
 * The one producer of a single-producer ring, as Agrona's {@code OneToOneRingBuffer}: the handle
 * in the producer slot, bound to one thread, owns the tail, so a send needs neither a
 * compare-and-set nor a fence. Consumers about to sleep pay a membarrier(2) instead, so that the
 * producer's unfenced "commit, then check for sleepers" still sees them.
 */
final class SoleProducer extends RingProducer {

    /** The producer slot and the one thread that sends through this handle. */
    private final SoleRole role;

    /** The tail, owned by this producer, and its last look at {@code cleared}. */
    private long tail;

    private long cleared;

    /** Fence after each commit, because membarrier(2) is unavailable here. */
    private boolean fences;

    private SoleProducer(RingArea ring, long handleId) {
        super(ring);
        this.role = new SoleRole(HandleSlot.PRODUCER, ring.buffer, handleId, ring.resource);
    }

    /** See {@link SharedProducer#on}: typed as the base class on purpose. */
    static RingProducer on(RingArea ring, long handleId) {
        return new SoleProducer(ring, handleId);
    }

    /**
     * No atomic instruction and no fence. After the commit it checks for sleepers with only a
     * compiler barrier; a consumer going to sleep issues a membarrier between joining the
     * waiters and its last look, which orders our two accesses for it.
     */
    @Override
    boolean offer(byte[] payload, int tag) throws NativeError {
        if (!this.role.playedBy(Thread.currentThread())) {
            becomeProducer();
        }
        int recordLength = RecordDescriptor.HEADER_LENGTH + payload.length;
        int required = RecordDescriptor.align(recordLength);
        ByteBuffer area = this.buffer;
        long tail = this.tail;
        // Room for the record and for the header after it, which this producer zeroes.
        int padding = paddingFor(tail, this.cleared, required, RecordDescriptor.HEADER_LENGTH);
        if (padding < 0) {
            this.cleared = this.ring.cleared();
            padding = paddingFor(tail, this.cleared, required, RecordDescriptor.HEADER_LENGTH);
            if (padding < 0) {
                return false;
            }
        }
        int index = (int) tail & this.mask;
        if (padding != 0) {
            // Consumers go on at index 0 after the padding: nothing may look committed there.
            area.putLong(RingArea.BASE, 0L);
            putPadding(RingArea.BASE + index, padding);
            index = 0;
        }
        int at = RingArea.BASE + index;
        putPayload(at, payload);
        // Consumers of this ring zero only what they copied out of a small ring, and late (so
        // they do not take back lines no consumer touched): it is the producer that clears the
        // bytes of an earlier lap where the next record's header goes, before the commit makes
        // this record readable.
        area.putLong(RingArea.BASE + ((index + required) & this.mask), 0L);
        commit(at, recordLength, tag);
        long newTail = tail + padding + required;
        this.tail = newTail;
        SharedMemory.putLongRelease(area, RingDescriptor.TAIL_OFFSET, newTail);
        if (this.fences) {
            VarHandle.fullFence();
        }
        else {
            // A compiler barrier in HotSpot (no instruction on x86): keeps the JIT from reading
            // the waiters before the commit. The CPU's own reordering is undone by the sleeper's
            // membarrier, which runs a full barrier on this core.
            VarHandle.releaseFence();
        }
        if (hasWaiters()) {
            this.ring.wakeConsumers();
        }
        return true;
    }

    /**
     * Makes the calling thread this handle's producer: claims the producer slot on the first
     * send, or takes over from a thread of this handle that ended.
     */
    private void becomeProducer() {
        long taken = this.role.take();
        if (taken == SoleRole.HANDED_OVER) {
            // The tail state in this object carries over from the thread that ended.
            return;
        }
        this.fences = !Membarrier.registerProcess();
        SharedMemory.putIntVolatile(this.buffer, RingDescriptor.PRODUCER_FENCES_OFFSET, this.fences ? 1 : 0);
        this.cleared = this.ring.cleared();
        this.tail = (taken != 0L) ? recoverTail() : this.ring.tail();
    }

    /**
     * After a single producer died: where its committed records end (it may have died between a
     * commit and the tail store, and consumers may have read past the stored tail), with the
     * header there zeroed, as each commit leaves it.
     */
    private long recoverTail() {
        long limit = this.cleared + this.capacity;
        long end = RecordWalker.endOfCommitted(this.ring, Math.max(this.ring.tail(), this.ring.head()), limit);
        if (end + RecordDescriptor.HEADER_LENGTH <= limit) {
            this.buffer.putLong(this.ring.offsetOf(end), 0L);
        }
        SharedMemory.putLongVolatile(this.buffer, RingDescriptor.TAIL_OFFSET, end);
        return end;
    }

    @Override
    void release() {
        this.role.release();
    }
}
