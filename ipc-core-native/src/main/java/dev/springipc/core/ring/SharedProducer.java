package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.NativeError;

/**
 * A producer among many (threads and processes): claims space with a compare-and-set on the
 * tail, writes the record and commits it with a release store of its header, as Agrona's
 * {@code ManyToOneRingBuffer}. No system call unless a consumer sleeps.
 */
final class SharedProducer extends RingProducer {

    private SharedProducer(RingArea ring) {
        super(ring);
    }

    /**
     * Typed as the base class on purpose: a caller that names only {@code RingProducer} does not make the
     * verifier load this class, so a JVM using one topology loads one subclass, and the JIT binds
     * the hot calls statically (class hierarchy analysis) instead of guarding them by type.
     */
    static RingProducer on(RingArea ring) {
        return new SharedProducer(ring);
    }

    @Override
    boolean offer(byte[] payload, int tag) throws NativeError {
        int recordLength = RecordDescriptor.HEADER_LENGTH + payload.length;
        int required = RecordDescriptor.align(recordLength);
        ByteBuffer area = this.buffer;
        long tail;
        int padding;
        do {
            // Free space ends at cleared + capacity; the cached copy spares the consumers' line.
            long cleared = SharedMemory.getLongVolatile(area, RingDescriptor.CLEARED_CACHE_OFFSET);
            tail = SharedMemory.getLongVolatile(area, RingDescriptor.TAIL_OFFSET);
            padding = paddingFor(tail, cleared, required, 0);
            if (padding < 0) {
                cleared = SharedMemory.getLongVolatile(area, RingDescriptor.CLEARED_OFFSET);
                padding = paddingFor(tail, cleared, required, 0);
                if (padding < 0) {
                    return false;
                }
                SharedMemory.putLongRelease(area, RingDescriptor.CLEARED_CACHE_OFFSET, cleared);
            }
        }
        while (!SharedMemory.compareAndSetLong(area, RingDescriptor.TAIL_OFFSET, tail, tail + required + padding));
        // Dekker with a consumer about to sleep, on the tail: it adds itself to the waiters, then
        // reads the tail; we moved the tail (a volatile write), then read the waiters. Either it
        // sees our claim and stays awake, or we see it and wake it after the commit. The fence
        // of the CAS is paid anyway, so the commit below can be a plain release store.
        boolean wake = hasWaiters();
        int index = (int) tail & this.mask;
        if (padding != 0) {
            putPadding(RingArea.BASE + index, padding);
            index = 0;
        }
        int at = RingArea.BASE + index;
        // Claimed but not committed: a consumer waits on it, or skips it whole if we die now.
        SharedMemory.putIntRelease(area, at + RecordDescriptor.LENGTH_OFFSET, -recordLength);
        putPayload(at, payload);
        commit(at, recordLength, tag);
        if (wake) {
            // The signal's atomic increment orders the commit before the wake-up.
            this.ring.wakeConsumers();
        }
        return true;
    }
}
