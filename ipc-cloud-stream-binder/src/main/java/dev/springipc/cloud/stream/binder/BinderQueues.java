package dev.springipc.cloud.stream.binder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springipc.core.IpcResource;
import dev.springipc.messaging.IpcDestination;

/**
 * The queues the bound consumers of one binder read, by binding: what its health contributor
 * and meters show. A binding's queues leave when it unbinds.
 */
public final class BinderQueues {

    private final Map<String, List<IpcDestination>> byBinding = new LinkedHashMap<>();

    synchronized void add(String binding, List<IpcDestination> queues) {
        this.byBinding.put(binding, List.copyOf(queues));
    }

    synchronized void remove(String binding) {
        this.byBinding.remove(binding);
    }

    /** The queues by key ({@code <namespace>.<destination>.<group>}), as the starter keys its resources. */
    public synchronized Map<String, IpcResource> resources() {
        Map<String, IpcResource> resources = new LinkedHashMap<>();
        this.byBinding.values().forEach((queues) -> queues.forEach((q) -> resources.put(q.key(), q.resource())));
        return resources;
    }
}
