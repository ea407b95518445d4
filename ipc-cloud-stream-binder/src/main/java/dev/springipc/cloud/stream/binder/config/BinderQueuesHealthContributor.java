package dev.springipc.cloud.stream.binder.config;

import java.util.stream.Stream;

import dev.springipc.actuate.IpcResourceHealthIndicator;
import dev.springipc.actuate.IpcResourceInspector;
import dev.springipc.cloud.stream.binder.BinderQueues;
import dev.springipc.core.IpcResource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The queues the binder's consumers read now, one {@link IpcResourceHealthIndicator} each:
 * looked up on every call, since bindings come and go after the contributor is registered.
 */
final class BinderQueuesHealthContributor implements CompositeHealthContributor {

    private final BinderQueues queues;

    private final IpcResourceInspector inspector;

    BinderQueuesHealthContributor(BinderQueues queues, IpcResourceInspector inspector) {
        this.queues = queues;
        this.inspector = inspector;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        IpcResource resource = this.queues.resources().get(name);
        return (resource != null) ? new IpcResourceHealthIndicator(this.inspector, name, resource) : null;
    }

    @Override
    public Stream<Entry> stream() {
        return this.queues.resources()
            .entrySet()
            .stream()
            .map((entry) -> new Entry(entry.getKey(),
                    new IpcResourceHealthIndicator(this.inspector, entry.getKey(), entry.getValue())));
    }
}
