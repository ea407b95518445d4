package dev.springipc.cloud.stream.binder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springipc.core.IpcResource;
import dev.springipc.messaging.IpcDestination;

/**
 * The queues the bound consumers of one binder read, by binding: what its health contributor
 * and meters show. A binding's queues leave when it unbinds.
 */
public final class BinderQueues {

    private final Map<String, List<IpcDestination>> byBinding = new LinkedHashMap<>();

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    void add(String binding, List<IpcDestination> queues) {
        synchronized (this) {
            this.byBinding.put(binding, List.copyOf(queues));
        }
        Map<String, IpcResource> added = resources(queues);
        this.listeners.forEach((listener) -> listener.added(added));
    }

    void remove(String binding) {
        List<IpcDestination> removed;
        synchronized (this) {
            removed = this.byBinding.remove(binding);
        }
        if (removed != null) {
            Map<String, IpcResource> gone = resources(removed);
            this.listeners.forEach((listener) -> listener.removed(gone));
        }
    }

    /** Tells {@code listener} of the queues of every consumer that binds or unbinds from now on. */
    public void addListener(Listener listener) {
        this.listeners.add(listener);
    }

    private static Map<String, IpcResource> resources(List<IpcDestination> queues) {
        Map<String, IpcResource> resources = new LinkedHashMap<>();
        queues.forEach((queue) -> resources.put(queue.key(), queue.resource()));
        return resources;
    }

    /** The queues by key ({@code <namespace>.<destination>.<group>}), as the starter keys its resources. */
    public synchronized Map<String, IpcResource> resources() {
        Map<String, IpcResource> resources = new LinkedHashMap<>();
        this.byBinding.values().forEach((queues) -> queues.forEach((q) -> resources.put(q.key(), q.resource())));
        return resources;
    }

    /** Told of the queues of a consumer binding when it binds and unbinds. */
    public interface Listener {

        void added(Map<String, IpcResource> queues);

        void removed(Map<String, IpcResource> queues);

    }
}
