package dev.springipc.actuate;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code ipc} endpoint: every IPC resource this application holds, with its status and its
 * figures read live from the kernel or the shared header ({@code GET /actuator/ipc}), or one of
 * them by key ({@code GET /actuator/ipc/{key}}, 404 for an unknown key). Read-only; see
 * {@link IpcWritableEndpoint} for the operations {@code ipc.endpoint.write-operations} enables.
 */
@Endpoint(id = "ipc")
public class IpcEndpoint {

    private final IpcResourceInspector inspector;

    public IpcEndpoint(IpcResourceInspector inspector) {
        this.inspector = inspector;
    }

    /** Every resource, in declaration order. */
    @ReadOperation
    public IpcResourcesDescriptor resources() {
        List<Map<String, Object>> all = this.inspector.resources()
            .entrySet()
            .stream()
            .map((entry) -> this.inspector.inspect(entry.getKey(), entry.getValue()).toMap())
            .toList();
        return new IpcResourcesDescriptor(all);
    }

    /** The resource with {@code key}, or null (404) if there is none. */
    @ReadOperation
    public @Nullable Map<String, Object> resource(@Selector String key) {
        IpcResourceInspector.Inspection inspection = this.inspector.inspect(key);
        return (inspection != null) ? inspection.toMap() : null;
    }

    protected final IpcResourceInspector inspector() {
        return this.inspector;
    }

    /**
     * The endpoint's answer to {@code GET /actuator/ipc}.
     * @param resources one object per resource
     */
    public record IpcResourcesDescriptor(List<Map<String, Object>> resources)
            implements OperationResponseBody {
    }
}
