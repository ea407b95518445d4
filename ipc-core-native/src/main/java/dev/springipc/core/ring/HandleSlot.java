package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcException;
import dev.springipc.core.support.OwnerWord;
import dev.springipc.core.support.SharedMemory;

/**
 * An {@link OwnerWord} in the ring header naming the one queue handle that may play a role
 * ({@code pid << 32 | token}): the producer slot of a single-producer ring, the consumer slot of a single-consumer
 * one. A handle claims it on its first send (or receive) and frees it on close; a slot whose
 * process died is taken over, like Boost.Interprocess's robust mutexes.
 */
enum HandleSlot {

    PRODUCER(RingDescriptor.PRODUCER_SLOT_OFFSET, "producer", "send", "single-producer"),

    CONSUMER(RingDescriptor.CONSUMER_LOCK_OFFSET, "consumer", "receive", "single-consumer");

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
            if (OwnerWord.claimFree(ring, this.offset, me)) {
                return 0L;
            }
            long holder = SharedMemory.getLongVolatile(ring, this.offset);
            if (holder == 0L) {
                continue;
            }
            if (!OwnerWord.isDeadHolder(holder, me)) {
                int holderPid = OwnerWord.pidOf(holder);
                String who = (holderPid == OwnerWord.pidOf(me)) ? "another handle in this process"
                        : "process " + holderPid;
                throw new IpcException(resource, null, 0, resource + " takes a single " + this.role + " and " + who
                        + " is it; " + this.verb + " through that one handle, or remove the queue and create it"
                        + " without " + this.option);
            }
            if (OwnerWord.takeOver(ring, this.offset, holder, me)) {
                return holder;
            }
        }
    }

    /** Frees the slot if {@code me} holds it. */
    void release(ByteBuffer ring, long me) {
        OwnerWord.release(ring, this.offset, me);
    }
}
