package dev.springipc.cloud.stream.binder;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.cloud.stream.provisioning.ProvisioningException;

/**
 * The OS names of the binder's queues, the one place they are built: a queue per destination
 * and group, {@code /<namespace>.<destination>.<group>}, with {@code -<partition>} for a
 * partition (as Rabbit suffixes its partition queues) and {@code .dlq} for the dead letters of a
 * group (Rabbit's {@code <destination>.<group>.dlq}).
 */
final class QueueNames {

    /** The prefix of the generated group names of anonymous consumers. */
    static final String ANONYMOUS_PREFIX = "anonymous.";

    private final String namespace;

    QueueNames(String namespace) {
        this.namespace = checkPart("namespace", namespace);
    }

    String namespace() {
        return this.namespace;
    }

    /** The queue of {@code group} on {@code destination}. */
    String groupQueue(String destination, String group) {
        return "/" + this.namespace + "." + destination + "." + group;
    }

    /** The queue of one partition of {@code group}. */
    String partitionQueue(String destination, String group, int partition) {
        return groupQueue(destination, group) + "-" + partition;
    }

    /** The dead-letter queue of {@code group}, or the one {@code dlqName} names. */
    String deadLetterQueue(String destination, String group, @org.jspecify.annotations.Nullable String dlqName) {
        return "/" + this.namespace + "." + ((dlqName != null) ? checkPart("dlq-name", dlqName)
                : destination + "." + group + ".dlq");
    }

    /** A fresh group name for an anonymous consumer, unique on the host in practice. */
    static String anonymousGroup() {
        return ANONYMOUS_PREFIX + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    static boolean isAnonymous(String group) {
        return group.startsWith(ANONYMOUS_PREFIX);
    }

    /**
     * A destination, group or namespace becomes part of a POSIX name and of a registry file name:
     * no slash, no leading dot, not empty.
     */
    static String checkPart(String what, String part) {
        if (part.isEmpty() || part.indexOf('/') >= 0 || part.startsWith(".") || part.indexOf('\0') >= 0) {
            throw new ProvisioningException("The " + what + " '" + part + "' cannot be part of an IPC object name: "
                    + "use a non-empty name without '/' that does not start with '.'");
        }
        return part;
    }
}
