package dev.springipc.core.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.springipc.core.IpcException;
import dev.springipc.core.sys.Sys;

/**
 * A word in the ring header naming the one queue handle that may play a role ({@code pid << 32
 * | token}): the producer slot of a single-producer ring, the consumer slot of a single-consumer
 * one. A handle claims it on its first send (or receive) and frees it on close; a slot whose
 * process died is taken over, like Boost.Interprocess's robust mutexes.
 */
enum HandleSlot {

    PRODUCER(RingDescriptor.PRODUCER_SLOT_OFFSET, "producer", "send", "single-producer"),

    CONSUMER(RingDescriptor.CONSUMER_LOCK_OFFSET, "consumer", "receive", "single-consumer");

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final int offset;

    /** For messages: "producer", "send", "single-producer". */
    final String role;

    final String verb;

    final String option;

    HandleSlot(int offset, String role, String verb, String option) {
        this.offset = offset;
        this.role = role;
        this.verb = verb;
        this.option = option;
    }

    /**
     * Claims the slot for {@code me}.
     * @return 0 if the slot was free, or the id of the dead holder it was taken from
     * @throws IpcException if a live handle holds it
     */
    long claim(ByteBuffer ring, long me, String resource) {
        while (true) {
            if (LONGS.compareAndSet(ring, this.offset, 0L, me)) {
                return 0L;
            }
            long holder = (long) LONGS.getVolatile(ring, this.offset);
            if (holder == 0L) {
                continue;
            }
            int holderPid = (int) (holder >>> 32);
            if (holderPid == Sys.pid() || Sys.isAlive(holderPid)) {
                String who = (holderPid == Sys.pid()) ? "another handle in this process" : "process " + holderPid;
                throw new IpcException(resource, null, 0, resource + " takes a single " + this.role + " and " + who
                        + " is it; " + this.verb + " through that one handle, or remove the queue and create it"
                        + " without " + this.option);
            }
            if (LONGS.compareAndSet(ring, this.offset, holder, me)) {
                return holder;
            }
        }
    }

    /** Frees the slot if {@code me} holds it. */
    void release(ByteBuffer ring, long me) {
        LONGS.compareAndSet(ring, this.offset, me, 0L);
    }
}
