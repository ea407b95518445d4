package dev.springipc.autoconfigure;

import java.util.Locale;

import dev.springipc.core.CreateMode;
import org.jspecify.annotations.Nullable;

/**
 * Rejects {@code ipc.*} settings that contradict the rest of their entry, such as a System V
 * {@code key} on a POSIX object or a {@code name} on a child-process pipe, so that none is silently
 * ignored.
 */
final class ConflictingProperties {

    private ConflictingProperties() {
    }

    static void check(IpcProperties properties) {
        properties.getSemaphores().forEach((key, semaphore) -> {
            if (semaphore.getKind() == SemaphoreKind.POSIX) {
                rejectKey(IpcResourceKind.SEMAPHORES.propertyPath(key), semaphore.getKey(), "kind: sysv");
            }
        });
        properties.getQueues().forEach((key, queue) -> {
            String entry = IpcResourceKind.QUEUES.propertyPath(key);
            if (queue.getType() != QueueType.SYSV) {
                rejectKey(entry, queue.getKey(), "type: sysv");
            }
            else if (queue.getMaxMessages() != null) {
                throw new InvalidIpcPropertyException(entry + ".max-messages", queue.getMaxMessages(),
                        "does not apply to System V queues: their capacity is in bytes, "
                                + "/proc/sys/kernel/msgmnb by default.",
                        "Remove " + entry + ".max-messages, or set " + entry + ".type=posix or shm (type: posix in "
                                + "YAML) for a queue that counts messages.");
            }
            if (queue.getType() != QueueType.SHM) {
                rejectUnlessShm(entry, "idle-strategy", queue.getIdleStrategy());
                rejectUnlessShm(entry, "stall-timeout", queue.getStallTimeout());
                rejectUnlessShm(entry, "single-producer", queue.getSingleProducer());
                rejectUnlessShm(entry, "single-consumer", queue.getSingleConsumer());
                rejectUnlessShm(entry, "size-checked", queue.getSizeChecked());
            }
        });
        properties.getPipes().forEach((key, pipe) -> {
            // A pipe is a child process, not a named object: these settings of every other entry mean nothing here.
            String entry = IpcResourceKind.PIPES.propertyPath(key);
            rejectOnPipe(entry, "name", pipe.getName());
            rejectOnPipe(entry, "mode", "0600".equals(pipe.getMode()) ? null : pipe.getMode());
            rejectOnPipe(entry, "create", (pipe.getCreate() == CreateMode.OPEN_OR_CREATE) ? null : pipe.getCreate());
            rejectOnPipe(entry, "cleanup", pipe.getCleanup());
        });
    }

    private static void rejectOnPipe(String entry, String property, @Nullable Object value) {
        if (value != null) {
            throw new InvalidIpcPropertyException(entry + "." + property, written(value),
                    "does not apply to a pipe: " + entry + " is a child process spoken to through its stdin and "
                            + "stdout, with no name, mode or file in the system to create or remove.",
                    "Remove " + entry + "." + property + ", or declare the object under ipc.fifos (a named pipe) "
                            + "or ipc.queues if a named, permissioned object is what you need.");
        }
    }

    /** An enum as it is written in the configuration, busy-spin rather than BUSY_SPIN. */
    private static Object written(Object value) {
        return (value instanceof Enum<?> constant) ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-') : value;
    }

    private static void rejectUnlessShm(String entry, String property, @Nullable Object value) {
        if (value != null) {
            throw new InvalidIpcPropertyException(entry + "." + property, written(value),
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
