package dev.springipc.core.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.springipc.core.IpcException;
import dev.springipc.core.sys.Sys;

/**
 * The producer slot of a single-producer ring: the word naming the one queue handle that may
 * send ({@code pid << 32 | token}). A handle claims it on its first send and frees it on close;
 * a slot whose process died is taken over, like Boost.Interprocess's robust mutexes.
 */
final class ProducerSlot {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private ProducerSlot() {
    }

    /**
     * Claims the slot for {@code me}.
     * @return 0 if the slot was free, or the id of the dead producer it was taken from (whose
     *         last record may be half-written)
     * @throws IpcException if a live producer holds it
     */
    static long claim(ByteBuffer ring, long me, String resource) {
        while (true) {
            if (LONGS.compareAndSet(ring, RingDescriptor.PRODUCER_SLOT_OFFSET, 0L, me)) {
                return 0L;
            }
            long holder = (long) LONGS.getVolatile(ring, RingDescriptor.PRODUCER_SLOT_OFFSET);
            if (holder == 0L) {
                continue;
            }
            int holderPid = (int) (holder >>> 32);
            if (holderPid == Sys.pid() || Sys.isAlive(holderPid)) {
                String who = (holderPid == Sys.pid()) ? "another handle in this process" : "process " + holderPid;
                throw new IpcException(resource, null, 0, resource + " takes a single producer and " + who
                        + " is it; send through that one handle, or remove the queue and create it without"
                        + " single-producer");
            }
            if (LONGS.compareAndSet(ring, RingDescriptor.PRODUCER_SLOT_OFFSET, holder, me)) {
                return holder;
            }
        }
    }

    /** Frees the slot if {@code me} holds it. */
    static void release(ByteBuffer ring, long me) {
        LONGS.compareAndSet(ring, RingDescriptor.PRODUCER_SLOT_OFFSET, me, 0L);
    }

    /** The holder's pid, or 0 if the slot is free. */
    static int holderPid(ByteBuffer ring) {
        return (int) ((long) LONGS.getVolatile(ring, RingDescriptor.PRODUCER_SLOT_OFFSET) >>> 32);
    }
}
