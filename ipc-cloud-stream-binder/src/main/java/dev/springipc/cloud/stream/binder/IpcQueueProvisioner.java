package dev.springipc.cloud.stream.binder;

import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.CleanupPolicy;
import dev.springipc.autoconfigure.IpcResourceOpenException;
import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcTrust;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.cloud.stream.provisioning.ProvisioningException;
import org.springframework.cloud.stream.provisioning.ProvisioningProvider;
import org.springframework.util.StringUtils;

/**
 * Creates the queues of consumer groups and registers the groups, so that producers find them:
 * one queue per destination and group (per partition for a partitioned group), created by the
 * first consumer of the group or by a producer that requires the group; an anonymous consumer
 * gets a queue of its own, removed when it unbinds.
 */
public class IpcQueueProvisioner implements
        ProvisioningProvider<ExtendedConsumerProperties<IpcConsumerProperties>, ExtendedProducerProperties<IpcProducerProperties>> {

    private static final Log logger = LogFactory.getLog(IpcQueueProvisioner.class);

    private final QueueNames names;

    private final GroupRegistry registry;

    private final IpcTrust trust;

    public IpcQueueProvisioner(String namespace, java.nio.file.Path registryDirectory, IpcTrust trust) {
        this.names = new QueueNames(namespace);
        this.registry = new GroupRegistry(registryDirectory, namespace);
        this.trust = trust;
    }

    QueueNames names() {
        return this.names;
    }

    GroupRegistry registry() {
        return this.registry;
    }

    IpcTrust trust() {
        return this.trust;
    }

    /**
     * Creates the queues of the required groups (per partition when the producer partitions),
     * so that what is published before a group's first consumer starts waits for it.
     */
    @Override
    public ProducerDestination provisionProducerDestination(String name,
            ExtendedProducerProperties<IpcProducerProperties> properties) throws ProvisioningException {
        QueueNames.checkPart("destination", name);
        boolean partitioned = properties.isPartitioned();
        List<QueueLease> queues = new ArrayList<>();
        try {
            for (String group : properties.getRequiredGroups()) {
                QueueNames.checkPart("group", group);
                if (partitioned) {
                    for (int partition = 0; partition < properties.getPartitionCount(); partition++) {
                        queues.add(QueueLease.open(this.names.partitionQueue(name, group, partition),
                                properties.getExtension(), CreateMode.OPEN_OR_CREATE, CleanupPolicy.NEVER, this.trust));
                    }
                }
                else {
                    queues.add(QueueLease.open(this.names.groupQueue(name, group), properties.getExtension(),
                            CreateMode.OPEN_OR_CREATE, CleanupPolicy.NEVER, this.trust));
                }
                this.registry.register(name,
                        GroupRegistry.Entry.durable(group, properties.getExtension().getQueueType(),
                                partitioned ? properties.getPartitionCount() : 0));
            }
        }
        catch (RuntimeException ex) {
            queues.forEach(QueueLease::close);
            throw provisioningFailure("producer of '" + name + "'", ex);
        }
        return new IpcProducerDestination(name, queues);
    }

    /**
     * Opens (or creates) the group's queue, or the queues of the partitions this instance takes,
     * and registers the group; without a group, a queue of this consumer's own.
     */
    @Override
    public ConsumerDestination provisionConsumerDestination(String name, @Nullable String group,
            ExtendedConsumerProperties<IpcConsumerProperties> properties) throws ProvisioningException {
        QueueNames.checkPart("destination", name);
        boolean anonymous = !StringUtils.hasText(group);
        String effectiveGroup = anonymous ? QueueNames.anonymousGroup() : QueueNames.checkPart("group", group);
        IpcConsumerProperties extension = properties.getExtension();
        List<QueueLease> queues = new ArrayList<>();
        QueueLease deadLetters = null;
        try {
            if (anonymous) {
                queues.add(QueueLease.open(this.names.groupQueue(name, effectiveGroup), extension,
                        CreateMode.CREATE_ONLY, CleanupPolicy.ALWAYS, this.trust));
                this.registry.register(name, GroupRegistry.Entry.anonymous(effectiveGroup, extension.getQueueType()));
            }
            else {
                if (properties.isPartitioned()) {
                    for (int partition : partitions(properties)) {
                        queues.add(QueueLease.open(this.names.partitionQueue(name, effectiveGroup, partition),
                                extension, CreateMode.OPEN_OR_CREATE, extension.getCleanup(), this.trust));
                    }
                }
                else {
                    queues.add(QueueLease.open(this.names.groupQueue(name, effectiveGroup), extension,
                            CreateMode.OPEN_OR_CREATE, extension.getCleanup(), this.trust));
                }
                if (extension.isEnableDlq()) {
                    deadLetters = QueueLease.open(
                            this.names.deadLetterQueue(name, effectiveGroup, extension.getDlqName()), extension,
                            CreateMode.OPEN_OR_CREATE, extension.getCleanup(), this.trust);
                }
                this.registry.register(name, GroupRegistry.Entry.durable(effectiveGroup, extension.getQueueType(),
                        properties.isPartitioned() ? Math.max(1, properties.getInstanceCount()) : 0));
            }
        }
        catch (RuntimeException ex) {
            queues.forEach(QueueLease::close);
            if (deadLetters != null) {
                deadLetters.close();
            }
            throw provisioningFailure("consumer of '" + name + "' in group '" + effectiveGroup + "'", ex);
        }
        return new IpcConsumerDestination(name, effectiveGroup, anonymous, queues, deadLetters);
    }

    /**
     * Releases a consumer's queues: an anonymous consumer's entry goes first (so no producer
     * opens its queue again), then its queue; a group's queues by their cleanup policy, and its
     * entry once its queues are gone.
     */
    void release(IpcConsumerDestination destination) {
        if (destination.anonymous()) {
            this.registry.unregister(destination.destination(), destination.group());
        }
        destination.queues().forEach(QueueLease::close);
        QueueLease deadLetters = destination.deadLetterQueue();
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (!destination.anonymous() && destination.queues().stream().noneMatch(this::exists)) {
            this.registry.unregister(destination.destination(), destination.group());
        }
    }

    void release(IpcProducerDestination destination) {
        destination.requiredGroupQueues().forEach(QueueLease::close);
    }

    /** Whether a released queue is still there (its cleanup policy kept it, or another process uses it). */
    private boolean exists(QueueLease released) {
        try (QueueLease probe = QueueLease.open(released.osName(), released.settings(), CreateMode.OPEN_ONLY,
                CleanupPolicy.NEVER, this.trust)) {
            return true;
        }
        catch (IpcResourceOpenException ex) {
            if (ex.getCause() instanceof IpcNotFoundException) {
                return false;
            }
            logger.debug("Could not tell whether " + released + " is still there", ex);
            return true;
        }
    }

    private static List<Integer> partitions(ExtendedConsumerProperties<IpcConsumerProperties> properties) {
        List<Integer> list = properties.getInstanceIndexList();
        if (list != null && !list.isEmpty()) {
            return list;
        }
        return List.of(Math.max(0, properties.getInstanceIndex()));
    }

    private static ProvisioningException provisioningFailure(String what, RuntimeException ex) {
        if (ex instanceof ProvisioningException provisioning) {
            return provisioning;
        }
        return new ProvisioningException("Could not provision the " + what + ": " + ex.getMessage(), ex);
    }
}
