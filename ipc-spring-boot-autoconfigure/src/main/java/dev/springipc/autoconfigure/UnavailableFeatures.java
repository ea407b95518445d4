package dev.springipc.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Rejects {@code ipc.*} declarations that bind but that this version cannot provide yet
 * (mutexes, barriers, spin locks, pipes, System V kinds, shm queues, queue channels), so that
 * none is silently ignored.
 */
final class UnavailableFeatures {

    private static final String UPGRADE = "a later version of ipc-spring-boot-starter";

    private UnavailableFeatures() {
    }

    static void check(IpcProperties properties) {
        rejectAny("mutexes", properties.getMutexes(), "robust IPC mutexes");
        rejectAny("barriers", properties.getBarriers(), "IPC barriers");
        rejectAny("spin-locks", properties.getSpinLocks(), "IPC spin locks");
        rejectAny("pipes", properties.getPipes(), "child-process pipes");
        properties.getSemaphores().forEach((key, semaphore) -> {
            String path = "ipc.semaphores." + key;
            if (semaphore.getKind() != SemaphoreKind.POSIX) {
                throw unavailable(path + ".kind", "sysv", "System V semaphores",
                        "Remove " + path + ".kind or set it to posix");
            }
            rejectSet(path + ".key", semaphore.getKey(), "System V keys");
        });
        properties.getQueues().forEach((key, queue) -> {
            String path = "ipc.queues." + key;
            if (queue.getType() != QueueType.POSIX) {
                String type = queue.getType().name().toLowerCase(java.util.Locale.ROOT);
                throw unavailable(path + ".type", type, type.equals("shm") ? "Shared-memory ring queues"
                        : "System V message queues", "Remove " + path + ".type or set it to posix");
            }
            rejectSet(path + ".key", queue.getKey(), "System V keys");
            rejectSet(path + ".channel", queue.getChannel(), "Inbound channel adapters");
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
