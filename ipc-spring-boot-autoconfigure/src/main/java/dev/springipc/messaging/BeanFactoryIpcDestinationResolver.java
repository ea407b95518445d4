package dev.springipc.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.springipc.core.IpcResource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Resolves keys to the queue and FIFO beans of the same name, with the wire format and
 * dead-letter key given per key (as declared under {@code ipc.queues} and {@code ipc.fifos});
 * a resource without settings gets its type's default wire format.
 */
public class BeanFactoryIpcDestinationResolver implements IpcDestinationResolver {

    private final BeanFactory beanFactory;

    private final Map<String, Settings> settings;

    private final Map<String, IpcDestination> destinations = new ConcurrentHashMap<>();

    public BeanFactoryIpcDestinationResolver(BeanFactory beanFactory, Map<String, Settings> settings) {
        this.beanFactory = beanFactory;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public IpcDestination resolve(String key) {
        return this.destinations.computeIfAbsent(key, this::create);
    }

    private IpcDestination create(String key) {
        IpcResource resource;
        try {
            resource = this.beanFactory.getBean(key, IpcResource.class);
        }
        catch (NoSuchBeanDefinitionException ex) {
            throw new IllegalArgumentException("No IPC queue or FIFO named '" + key
                    + "': declare it under ipc.queues." + key + " or ipc.fifos." + key
                    + ", or define a bean of that name", ex);
        }
        Settings entry = this.settings.get(key);
        WireFormat format = (entry != null && entry.wireFormat() != null) ? entry.wireFormat()
                : IpcDestination.defaultWireFormat(resource);
        return (entry != null) ? IpcDestination.of(key, resource, format, entry.deadLetter(), entry.propertyPath())
                : IpcDestination.of(key, resource, format, null);
    }

    /**
     * What is declared for one key.
     *
     * @param wireFormat the wire format, or {@code null} for the resource type's default
     * @param deadLetter key of the dead-letter destination, if any
     * @param propertyPath where the key is declared, e.g. {@code ipc.queues.orders}
     */
    public record Settings(@Nullable WireFormat wireFormat, @Nullable String deadLetter, String propertyPath) {
    }
}
