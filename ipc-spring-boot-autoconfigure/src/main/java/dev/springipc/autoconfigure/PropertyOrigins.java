package dev.springipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Where an {@code ipc.*} property was set: a file and line, an environment variable, a
 * command-line argument. Looked up through the environment's configuration property sources, as
 * Spring Boot's binder finds it, so {@code IPC_QUEUES_ORDERS_MAXMESSAGES} or {@code maxMessages}
 * are found for {@code ipc.queues.orders.max-messages}.
 */
final class PropertyOrigins {

    private PropertyOrigins() {
    }

    /**
     * The origin of {@code property}; when it is not set itself (a default, a list, an entry
     * written without settings), that of its first element or of the entry it belongs to, so a
     * report still points at the declaration. {@code null} when no source knows it.
     */
    static @Nullable Found find(@Nullable Environment environment, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
        if (!(environment instanceof ConfigurableEnvironment) || name == null) {
            return null;
        }
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        // ipc.<kind>.<key> is the shortest name worth pointing at: above it is every entry.
        for (ConfigurationPropertyName candidate = name; candidate.getNumberOfElements() >= 3;
                candidate = candidate.getParent()) {
            Found found = find(sources, candidate);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Where {@code property} was set, as the last lines of a failure report (like Spring Boot's
     * "Origin:" of a binding failure), or an empty string when no source knows it.
     */
    static String describe(@Nullable Environment environment, String property) {
        Found found = find(environment, property);
        if (found == null) {
            return "";
        }
        return found.name().equals(ConfigurationPropertyName.of(property)) ? "\n\n    Origin: " + found.origin()
                : "\n\n    Declared at: " + found.origin() + " (" + found.name() + ")";
    }

    private static @Nullable Found find(Iterable<ConfigurationPropertySource> sources,
            ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            Found found = found(source, name);
            if (found == null && source instanceof IterableConfigurationPropertySource iterable) {
                // Not set itself: its first element (command[0]) or first setting, in the file's order.
                found = iterable.stream()
                    .filter(name::isAncestorOf)
                    .findFirst()
                    .map((first) -> found(source, first))
                    .orElse(null);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static @Nullable Found found(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        Origin origin = (property != null) ? property.getOrigin() : null;
        return (origin != null) ? new Found(name, origin) : null;
    }

    /**
     * A property that a source knows, and where it was set.
     * @param name the property found: the one asked for, or an element or sibling of its entry
     * @param origin where it was set
     */
    record Found(ConfigurationPropertyName name, Origin origin) {
    }
}
