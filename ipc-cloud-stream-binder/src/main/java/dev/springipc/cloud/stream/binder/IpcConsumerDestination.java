package dev.springipc.cloud.stream.binder;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.provisioning.ConsumerDestination;

/**
 * What a consumer binding reads: the queue of its group (or one per partition it takes), and
 * the group's dead-letter queue when it has one.
 */
public final class IpcConsumerDestination implements ConsumerDestination {

    private final String destination;

    private final String group;

    private final boolean anonymous;

    private final List<QueueLease> queues;

    private final @Nullable QueueLease deadLetterQueue;

    IpcConsumerDestination(String destination, String group, boolean anonymous, List<QueueLease> queues,
            @Nullable QueueLease deadLetterQueue) {
        this.destination = destination;
        this.group = group;
        this.anonymous = anonymous;
        this.queues = List.copyOf(queues);
        this.deadLetterQueue = deadLetterQueue;
    }

    /** {@code <destination>.<group>}, as Rabbit names its group queues. */
    @Override
    public String getName() {
        return this.destination + "." + this.group;
    }

    /** The destination (topic) name. */
    public String destination() {
        return this.destination;
    }

    /** The group, or the generated name of an anonymous consumer. */
    public String group() {
        return this.group;
    }

    public boolean anonymous() {
        return this.anonymous;
    }

    List<QueueLease> queues() {
        return this.queues;
    }

    @Nullable QueueLease deadLetterQueue() {
        return this.deadLetterQueue;
    }

    @Override
    public String toString() {
        return "IpcConsumerDestination[" + getName() + ", " + this.queues + "]";
    }
}
