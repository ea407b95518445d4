package dev.springipc.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.IpcResource;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of one IPC resource: {@code UP} when the object is still there under its name, the
 * one this process opened, usable by it, with its listeners running; {@code DOWN} otherwise,
 * with the reason; {@code OUT_OF_SERVICE} for a queue at or above its high-water mark, with its
 * depth and capacity.
 */
public class IpcResourceHealthIndicator implements HealthIndicator {

    private final IpcResourceInspector inspector;

    private final String key;

    private final IpcResource resource;

    public IpcResourceHealthIndicator(IpcResourceInspector inspector, String key, IpcResource resource) {
        this.inspector = inspector;
        this.key = key;
        this.resource = resource;
    }

    @Override
    public Health health() {
        IpcResourceInspector.Inspection inspection = this.inspector.inspect(this.key, this.resource);
        Health.Builder builder = Health.status(new Status(inspection.status()));
        Map<String, Object> figures = inspection.figures();
        builder.withDetail("kind", figures.get("kind"));
        if (figures.containsKey("type")) {
            builder.withDetail("type", figures.get("type"));
        }
        builder.withDetail("osName", figures.get("osName"));
        builder.withDetail("reason", inspection.reason());
        if (figures.containsKey("depth")) {
            builder.withDetail("depth", figures.get("depth"));
            builder.withDetail("capacity", figures.get("capacity"));
        }
        return builder.build();
    }

    /**
     * The composite {@code ipc} contributor: one indicator per resource, named by its key (bean
     * names hold no {@code /}, which Boot's composite keys must not contain).
     */
    public static CompositeHealthContributor composite(IpcResourceInspector inspector) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        inspector.resources()
            .forEach((key, resource) -> indicators.put(key, new IpcResourceHealthIndicator(inspector, key, resource)));
        return CompositeHealthContributor.fromMap(indicators);
    }
}
