package dev.springipc.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcResource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code ipc} endpoint with write operations, used instead of {@link IpcEndpoint} only when
 * {@code ipc.endpoint.write-operations=true}: {@code POST /actuator/ipc/{key}} with
 * {@code {"action": "purge"}} empties a queue (the messages are dropped), with
 * {@code {"action": "reset"}} resets a barrier (waiting parties see it broken).
 */
@Endpoint(id = "ipc")
public class IpcWritableEndpoint extends IpcEndpoint {

    public IpcWritableEndpoint(IpcResourceInspector inspector) {
        super(inspector);
    }

    /** Runs {@code action} on the resource {@code key}; null (404) for an unknown key. */
    @WriteOperation
    public @Nullable Map<String, Object> act(@Selector String key, String action) {
        IpcResource resource = inspector().resources().get(key);
        if (resource == null) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("key", key);
        result.put("action", action);
        if ("purge".equals(action) && resource instanceof IpcMessageQueue queue) {
            result.put("purged", purge(queue));
        }
        else if ("reset".equals(action) && resource instanceof IpcBarrier barrier) {
            barrier.reset();
            result.put("reset", true);
        }
        else {
            throw new IllegalArgumentException("'" + action + "' does not apply to '" + key
                    + "': purge applies to queues, reset to barriers");
        }
        return result;
    }

    /** Receives without waiting until the queue is empty, at most as many messages as were waiting. */
    private static int purge(IpcMessageQueue queue) {
        int waiting = queue.depth();
        int purged = 0;
        try {
            for (int i = 0; i < waiting; i++) {
                Optional<IpcMessage> next = queue.receive(Duration.ZERO);
                if (next.isEmpty()) {
                    break;
                }
                purged++;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return purged;
    }
}
