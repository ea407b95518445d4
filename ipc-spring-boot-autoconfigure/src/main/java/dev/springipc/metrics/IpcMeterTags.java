package dev.springipc.metrics;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import io.micrometer.core.instrument.Tags;

/**
 * The tags every IPC meter carries, the same keys on every meter of a name (as registries such
 * as Prometheus require): {@code resource} (the key), {@code kind} ({@link IpcResource#kindOf}:
 * {@code queue}, {@code semaphore}, {@code mutex}, {@code spin-lock}, ...), {@code type} ({@code posix},
 * {@code sysv} or {@code shm} for queues and semaphores, {@code posix} for the shared-memory
 * locks, else {@code none}).
 */
final class IpcMeterTags {

    /** Value of {@code type}, and of {@code listener} on template meters, where the tag does not apply. */
    static final String NONE = "none";

    private IpcMeterTags() {
    }

    static Tags of(String key, IpcResource resource) {
        return Tags.of("resource", key, "kind", IpcResource.kindOf(resource), "type", type(resource));
    }

    private static String type(IpcResource resource) {
        if (resource instanceof IpcShmQueue) {
            return "shm";
        }
        if (resource instanceof IpcSysvMessageQueue) {
            return "sysv";
        }
        if (resource instanceof IpcMessageQueue) {
            return "posix";
        }
        if (resource instanceof IpcFifo || resource instanceof IpcPipe) {
            return NONE;
        }
        return resource.name().startsWith("key ") ? "sysv" : "posix";
    }
}
