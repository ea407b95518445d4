package dev.springipc.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Rejects {@code ipc.*} declarations that bind but that this version cannot provide yet
 * (pipes) or that contradict themselves (a key on a POSIX object), so that
 * none is silently ignored.
 */
final class UnavailableFeatures {

    private static final String UPGRADE = "a later version of ipc-spring-boot-starter";

    private UnavailableFeatures() {
    }

    static void check(IpcProperties properties) {
        rejectAny("pipes", properties.getPipes(), "child-process pipes");
        properties.getSemaphores().forEach((key, semaphore) -> {
            if (semaphore.getKind() == SemaphoreKind.POSIX) {
                rejectSet("ipc.semaphores." + key + ".key", semaphore.getKey(),
                        "System V keys on a POSIX semaphore (set kind: sysv)");
            }
        });
        properties.getQueues().forEach((key, queue) -> {
            String path = "ipc.queues." + key;
            if (queue.getType() != QueueType.SYSV) {
                rejectSet(path + ".key", queue.getKey(), "System V keys on a queue of another type (set type: sysv)");
            }
        });
    }

    private static void rejectAny(String property, Map<String, ?> entries, String what) {
        if (!entries.isEmpty()) {
            String key = entries.keySet().iterator().next();
            throw unavailable("ipc." + property + "." + key, "{...}", what, "Remove the ipc." + property + " entries");
        }
    }

    private static void rejectSet(String property, @Nullable Object value, String what) {
        if (value != null) {
            throw unavailable(property, value, what, "Remove " + property);
        }
    }

    private static InvalidIpcPropertyException unavailable(String property, Object value, String what, String fix) {
        return new InvalidIpcPropertyException(property, value,
                "is not available in this version: " + what + " are not implemented yet.",
                fix + ", or upgrade to " + UPGRADE + " that provides them.");
    }
}
