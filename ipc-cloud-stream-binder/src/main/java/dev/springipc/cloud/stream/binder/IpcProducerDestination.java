package dev.springipc.cloud.stream.binder;

import java.util.List;

import org.springframework.cloud.stream.provisioning.ProducerDestination;

/**
 * A destination a producer publishes to, with the queues of its required groups, which the
 * producer holds open while it is bound.
 */
public final class IpcProducerDestination implements ProducerDestination {

    private final String name;

    private final List<QueueLease> requiredGroupQueues;

    IpcProducerDestination(String name, List<QueueLease> requiredGroupQueues) {
        this.name = name;
        this.requiredGroupQueues = List.copyOf(requiredGroupQueues);
    }

    @Override
    public String getName() {
        return this.name;
    }

    /** The partition suffix {@code -<n>}, as Rabbit's. */
    @Override
    public String getNameForPartition(int partition) {
        return this.name + "-" + partition;
    }

    List<QueueLease> requiredGroupQueues() {
        return this.requiredGroupQueues;
    }

    @Override
    public String toString() {
        return "IpcProducerDestination[" + this.name + "]";
    }
}
