package dev.springipc.listener;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener containers by id and runs their lifecycle: they start late and stop early
 * (phase {@link #PHASE}), so they stop before the resources they read are closed, and a stop
 * waits for the in-flight messages of every container.
 */
public class IpcListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

    /** The bean name. */
    public static final String BEAN_NAME = "ipcListenerEndpointRegistry";

    /** Phase of the registry: after the resources start, before they stop. */
    public static final int PHASE = Integer.MAX_VALUE - 100;

    private final Map<String, IpcListenerContainer> containers = new LinkedHashMap<>();

    private volatile boolean running;

    /** Creates the endpoint's container with {@code factory}; starts it at once if the registry runs. */
    public IpcListenerContainer registerListenerContainer(IpcListenerEndpoint endpoint,
            IpcListenerContainerFactory factory) {
        IpcListenerContainer container;
        synchronized (this.containers) {
            if (this.containers.containsKey(endpoint.id())) {
                throw new IllegalStateException("Another @IpcListener already has id '" + endpoint.id()
                        + "': give " + endpoint + " a unique id");
            }
            container = factory.createListenerContainer(endpoint);
            this.containers.put(endpoint.id(), container);
        }
        if (this.running && container.isAutoStartup()) {
            container.start();
        }
        return container;
    }

    public @Nullable IpcListenerContainer getListenerContainer(String id) {
        synchronized (this.containers) {
            return this.containers.get(id);
        }
    }

    public Set<String> getListenerContainerIds() {
        synchronized (this.containers) {
            return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(this.containers.keySet()));
        }
    }

    public Collection<IpcListenerContainer> getListenerContainers() {
        synchronized (this.containers) {
            return java.util.List.copyOf(this.containers.values());
        }
    }

    @Override
    public void start() {
        for (IpcListenerContainer container : getListenerContainers()) {
            if (container.isAutoStartup()) {
                container.start();
            }
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        getListenerContainers().forEach(IpcListenerContainer::stop);
    }

    @Override
    public void stop(Runnable callback) {
        this.running = false;
        Collection<IpcListenerContainer> all = getListenerContainers();
        if (all.isEmpty()) {
            callback.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(all.size());
        for (IpcListenerContainer container : all) {
            container.stop(() -> {
                if (left.decrementAndGet() == 0) {
                    callback.run();
                }
            });
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        stop();
    }
}
