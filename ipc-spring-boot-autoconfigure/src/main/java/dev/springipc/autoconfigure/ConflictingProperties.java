package dev.springipc.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Rejects {@code ipc.*} settings that contradict the rest of their entry, such as a System V
 * {@code key} on a POSIX object, so that none is silently ignored.
 */
final class ConflictingProperties {

    private ConflictingProperties() {
    }

    static void check(IpcProperties properties) {
        properties.getSemaphores().forEach((key, semaphore) -> {
            if (semaphore.getKind() == SemaphoreKind.POSIX) {
                rejectKey("ipc.semaphores." + key, semaphore.getKey(), "kind: sysv");
            }
        });
        properties.getQueues().forEach((key, queue) -> {
            if (queue.getType() != QueueType.SYSV) {
                rejectKey("ipc.queues." + key, queue.getKey(), "type: sysv");
            }
            else if (queue.getMaxMessages() != null) {
                String entry = "ipc.queues." + key;
                throw new InvalidIpcPropertyException(entry + ".max-messages", queue.getMaxMessages(),
                        "does not apply to System V queues: their capacity is in bytes, "
                                + "/proc/sys/kernel/msgmnb by default.",
                        "Remove " + entry + ".max-messages, or set " + entry + ".type=posix or shm (type: posix in "
                                + "YAML) for a queue that counts messages.");
            }
            if (queue.getType() != QueueType.SHM) {
                rejectUnlessShm("ipc.queues." + key, "idle-strategy", queue.getIdleStrategy());
                rejectUnlessShm("ipc.queues." + key, "stall-timeout", queue.getStallTimeout());
                rejectUnlessShm("ipc.queues." + key, "single-producer", queue.getSingleProducer());
                rejectUnlessShm("ipc.queues." + key, "single-consumer", queue.getSingleConsumer());
            }
        });
    }

    private static void rejectUnlessShm(String entry, String property, @Nullable Object value) {
        if (value != null) {
            // An enum as it is written in the configuration, busy-spin rather than BUSY_SPIN.
            Object shown = (value instanceof Enum<?> constant)
                    ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-') : value;
            throw new InvalidIpcPropertyException(entry + "." + property, shown,
                    "applies only to shared-memory ring queues, and " + entry + " is not one.",
                    "Set " + entry + ".type=shm (type: shm in YAML) to use the ring, or remove " + entry + "."
                            + property + ".");
        }
    }

    private static void rejectKey(String entry, @Nullable Integer key, String systemV) {
        if (key != null) {
            throw new InvalidIpcPropertyException(entry + ".key", key,
                    "applies only to System V objects, and " + entry + " is not one.",
                    "Set " + entry + "." + systemV.replace(": ", "=") + " (" + systemV + " in YAML) to use a System V "
                            + "object with this key, or remove " + entry + ".key.");
        }
    }
}
