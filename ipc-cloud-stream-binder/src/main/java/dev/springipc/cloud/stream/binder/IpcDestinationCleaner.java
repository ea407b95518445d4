package dev.springipc.cloud.stream.binder;

import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.CleanupPolicy;
import dev.springipc.autoconfigure.IpcResourceOpenException;
import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.core.CreateMode;

/**
 * Removes what the binder keeps of a destination: the queues of its registered groups (every
 * partition), their dead-letter queues under the default name, and the registry entries; the
 * counterpart of Rabbit's {@code RabbitBindingCleaner}. Group queues are durable by default
 * ({@code cleanup: never}), so this is how a group that will not come back is unsubscribed.
 * <p>
 * Run it while none of the destination's applications runs: a queue another live process has
 * open is only marked for removal (the starter's owner records), and group consumers and
 * producers, whose cleanup is {@code never}, leave it in place when they stop.
 */
public final class IpcDestinationCleaner {

    private final IpcQueueProvisioner provisioner;

    public IpcDestinationCleaner(IpcQueueProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    /**
     * Removes the groups of {@code destination}.
     * @return the OS names of the queues it removed, or marked for removal while another process had them open
     */
    public List<String> clean(String destination) {
        List<String> removed = new ArrayList<>();
        QueueNames names = this.provisioner.names();
        for (GroupRegistry.Entry entry : this.provisioner.registry().groups(destination)) {
            this.provisioner.registry().unregister(destination, entry.group());
            List<String> queues = new ArrayList<>();
            if (entry.partitioned()) {
                for (int partition = 0; partition < entry.partitions(); partition++) {
                    queues.add(names.partitionQueue(destination, entry.group(), partition));
                }
            }
            else {
                queues.add(names.groupQueue(destination, entry.group()));
            }
            queues.add(names.deadLetterQueue(destination, entry.group(), null));
            IpcConsumerProperties settings = new IpcConsumerProperties();
            settings.setQueueType(entry.type());
            for (String queue : queues) {
                if (remove(queue, settings)) {
                    removed.add(queue);
                }
            }
        }
        return removed;
    }

    /**
     * Removes the groups of every destination of the binder's namespace, then the namespace's
     * registry directory.
     * @return the OS names of the queues it removed, or marked for removal while another process had them open
     */
    public List<String> cleanAll() {
        List<String> removed = new ArrayList<>();
        this.provisioner.registry().destinations().forEach((destination) -> removed.addAll(clean(destination)));
        this.provisioner.registry().removeIfEmpty();
        return removed;
    }

    private boolean remove(String queue, IpcConsumerProperties settings) {
        try {
            QueueLease.open(queue, settings, CreateMode.OPEN_ONLY, CleanupPolicy.ALWAYS, this.provisioner.trust())
                .close();
            return true;
        }
        catch (IpcResourceOpenException ex) {
            return false;
        }
    }
}
