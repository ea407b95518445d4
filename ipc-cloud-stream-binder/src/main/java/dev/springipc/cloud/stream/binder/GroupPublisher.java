package dev.springipc.cloud.stream.binder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.springipc.autoconfigure.CleanupPolicy;
import dev.springipc.autoconfigure.IpcResourceOpenException;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;

import dev.springipc.messaging.WireFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.BinderHeaders;
import org.springframework.context.Lifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The producer side of a binding: publishes each message, as an envelope (payload plus
 * headers), to the queue of every group registered on the destination, the partition's queue
 * of a partitioned group. It lists the registry again whenever it changed (one stat per send),
 * so groups that subscribe later receive what is published from then on, and at least once a
 * second.
 * <p>
 * A full group queue makes the send wait up to {@code send-timeout}, then fail: the group is a
 * durable subscription and must not lose messages silently. A full anonymous queue drops the
 * message for that consumer alone: a slow or stopped anonymous consumer must not stall the
 * producer. Queues of anonymous consumers whose process is gone are removed here.
 */
final class GroupPublisher implements MessageHandler, Lifecycle {

    private static final Log logger = LogFactory.getLog(GroupPublisher.class);

    static final Duration RELIST_INTERVAL = Duration.ofSeconds(1);

    private final String destination;

    private final IpcQueueProvisioner provisioner;

    private final IpcProducerProperties settings;

    private final BinderWireCodec codec;

    private final IpcTrafficObserver observer;

    private final String propertyPath;

    /** Open queues by OS name; guarded by this. */
    private final Map<String, Target> open = new HashMap<>();

    /** The groups of the last listing; guarded by this. */
    private Map<String, GroupRegistry.Entry> groups = Map.of();

    private long listedVersion = Long.MIN_VALUE;

    private long listedAt;

    private volatile boolean running;

    GroupPublisher(String destination, String bindingName, IpcQueueProvisioner provisioner,
            IpcProducerProperties settings, BinderWireCodec codec, IpcTrafficObserver observer) {
        this.destination = destination;
        this.provisioner = provisioner;
        this.settings = settings;
        this.codec = codec;
        this.observer = observer;
        this.propertyPath = "spring.cloud.stream.ipc.bindings." + bindingName + ".producer";
    }

    @Override
    public void handleMessage(Message<?> message) throws MessagingException {
        byte[] wire = this.codec.encode(bytes(message));
        Integer partition = partition(message);
        synchronized (this) {
            refreshGroups();
            for (GroupRegistry.Entry group : this.groups.values()) {
                String name = (group.partitioned() && partition != null)
                        ? this.provisioner.names().partitionQueue(this.destination, group.group(), partition)
                        : this.provisioner.names().groupQueue(this.destination, group.group());
                Target target = target(name, group);
                if (target != null) {
                    send(target, group, wire, message);
                }
            }
        }
    }

    private void send(Target target, GroupRegistry.Entry group, byte[] wire, Message<?> message) {
        Duration timeout = group.anonymous() ? Duration.ZERO : this.settings.getSendTimeout();
        boolean sent;
        try {
            sent = target.lease().queue().trySend(wire, 0, timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.observer.failed(target.destination(), null);
            throw new MessageDeliveryException(message, "Interrupted while sending to " + target.lease(), ex);
        }
        catch (RuntimeException ex) {
            this.observer.failed(target.destination(), null);
            throw new MessageDeliveryException(message, "Could not send to " + target.lease() + ": " + ex.getMessage(),
                    ex);
        }
        if (sent) {
            this.observer.sent(target.destination(), wire.length);
        }
        else if (group.anonymous()) {
            logger.debug("Dropped a message for the anonymous consumer " + group.group() + ": its queue is full");
        }
        else {
            this.observer.failed(target.destination(), null);
            throw new MessageDeliveryException(message, "The queue of group '" + group.group() + "' ("
                    + target.lease() + ") stayed full for " + timeout + ": its consumers are too slow or stopped; "
                    + "raise " + this.propertyPath + ".send-timeout or the queue's max-messages");
        }
    }

    /**
     * Lists the groups again if the registry changed since the last listing, or at least every
     * {@link #RELIST_INTERVAL}: a killed anonymous consumer changes nothing in the registry, and
     * only a new listing finds its owner gone.
     */
    private void refreshGroups() {
        long version = this.provisioner.registry().version(this.destination);
        long now = System.nanoTime();
        if (version == this.listedVersion && now - this.listedAt < RELIST_INTERVAL.toNanos()) {
            return;
        }
        this.listedAt = now;
        Map<String, GroupRegistry.Entry> groups = new HashMap<>();
        for (GroupRegistry.Entry entry : this.provisioner.registry().groups(this.destination)) {
            if (entry.ownerAlive()) {
                groups.put(entry.group(), entry);
            }
            else {
                removeDeadAnonymous(entry);
            }
        }
        this.groups = groups;
        this.listedVersion = version;
        Set<String> stale = new HashSet<>();
        this.open.forEach((name, target) -> {
            if (!groups.containsKey(target.group())) {
                stale.add(name);
            }
        });
        stale.forEach((name) -> this.open.remove(name).lease().close());
    }

    private @Nullable Target target(String name, GroupRegistry.Entry group) {
        Target target = this.open.get(name);
        if (target != null) {
            return target;
        }
        try {
            // Opened, never created: a queue exists before its entry is written, and an anonymous
            // consumer removes its entry before its queue, so a missing queue means it is going.
            // An anonymous queue's owner removes it on unbind, and this handle, the last user, does
            // so if it is still open (owned: pending removal); a group's queue stays (never).
            QueueLease lease = QueueLease.open(name, settingsFor(group), CreateMode.OPEN_ONLY,
                    group.anonymous() ? CleanupPolicy.OWNED : CleanupPolicy.NEVER, this.provisioner.trust());
            target = new Target(group.group(), lease,
                    IpcDestination.of(lease.key(), lease.queue(), WireFormat.ENVELOPE, null, this.propertyPath));
            this.open.put(name, target);
            return target;
        }
        catch (IpcResourceOpenException ex) {
            if (ex.getCause() instanceof IpcNotFoundException) {
                logger.debug("Group '" + group.group() + "' of '" + this.destination + "' has no queue " + name
                        + " (yet or any more); skipped");
                return null;
            }
            throw ex;
        }
    }

    /** An anonymous consumer killed before it unbound left its queue and entry: remove both. */
    private void removeDeadAnonymous(GroupRegistry.Entry entry) {
        this.provisioner.registry().unregister(this.destination, entry.group());
        String name = this.provisioner.names().groupQueue(this.destination, entry.group());
        try {
            QueueLease.open(name, settingsFor(entry), CreateMode.OPEN_ONLY, CleanupPolicy.ALWAYS,
                    this.provisioner.trust()).close();
            logger.info("Removed the queue " + name + " of an anonymous consumer whose process " + entry.pid()
                    + " is gone");
        }
        catch (IpcResourceOpenException ex) {
            logger.debug("The queue " + name + " of a gone anonymous consumer is already gone", ex);
        }
    }

    private IpcProducerProperties settingsFor(GroupRegistry.Entry group) {
        IpcProducerProperties settings = new IpcProducerProperties();
        settings.setQueueType(group.type());
        return settings;
    }

    private static @Nullable Integer partition(Message<?> message) {
        Object partition = message.getHeaders().get(BinderHeaders.PARTITION_HEADER);
        if (partition instanceof Number number) {
            return number.intValue();
        }
        if (partition instanceof String text && !text.isBlank()) {
            return Integer.parseInt(text.trim());
        }
        return null;
    }

    /** The framework hands byte[] payloads unless a user sends something else with native encoding. */
    @SuppressWarnings("unchecked")
    private static Message<byte[]> bytes(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof byte[]) {
            return (Message<byte[]>) message;
        }
        if (payload instanceof String text) {
            return MessageBuilder.withPayload(text.getBytes(StandardCharsets.UTF_8))
                .copyHeaders(message.getHeaders())
                .build();
        }
        throw new MessageDeliveryException(message, "The ipc binder sends byte[] or String payloads, not "
                + payload.getClass().getName() + ": leave use-native-encoding off so the framework converts it");
    }

    @Override
    public void start() {
        this.running = true;
    }

    /** Closes the handles of the group queues; the queues stay for their consumers. */
    @Override
    public synchronized void stop() {
        this.running = false;
        this.open.values().forEach((target) -> target.lease().close());
        this.open.clear();
        this.groups = Map.of();
        this.listedVersion = Long.MIN_VALUE;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    private record Target(String group, QueueLease lease, IpcDestination destination) {
    }
}
