package dev.springipc.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.springipc.core.IpcResource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Resolves keys to the queue and FIFO beans of the same name, with the wire format and
 * dead-letter key given per key (as declared under {@code ipc.queues} and {@code ipc.fifos});
 * a resource without settings gets its type's default wire format. A key {@code shm:/<ns>.reply.…}
 * (the reply-to of a requester without a declared reply queue) opens that temporary reply queue
 * when it belongs to this application's namespace; the few most recent stay open.
 */
public class BeanFactoryIpcDestinationResolver implements IpcDestinationResolver {

    private final BeanFactory beanFactory;

    private final Map<String, Settings> settings;

    private static final int OPEN_TEMPORARY_REPLY_QUEUES = 16;

    private final Map<String, IpcDestination> destinations = new ConcurrentHashMap<>();

    private final @Nullable String namespace;

    /** The temporary reply queues replied to lately, eldest first; closed when they drop out. */
    private final Map<String, IpcDestination> temporary = new LinkedHashMap<>(16, 0.75f, true);

    public BeanFactoryIpcDestinationResolver(BeanFactory beanFactory, Map<String, Settings> settings) {
        this(beanFactory, settings, null);
    }

    /** Resolves also the temporary reply queues of {@code namespace} ({@code null}: none). */
    public BeanFactoryIpcDestinationResolver(BeanFactory beanFactory, Map<String, Settings> settings,
            @Nullable String namespace) {
        this.beanFactory = beanFactory;
        this.settings = Map.copyOf(settings);
        this.namespace = namespace;
    }

    @Override
    public IpcDestination resolve(String key) {
        if (IpcTemporaryReplyQueues.isTemporary(key)) {
            return resolveTemporary(key);
        }
        return this.destinations.computeIfAbsent(key, this::create);
    }

    private IpcDestination resolveTemporary(String key) {
        if (this.namespace == null) {
            throw new IllegalArgumentException("Cannot reply to the temporary reply queue '" + key
                    + "': this resolver has no namespace");
        }
        synchronized (this.temporary) {
            IpcDestination open = this.temporary.get(key);
            if (open != null && IpcTemporaryReplyQueues.exists(key)) {
                return open;
            }
            if (open != null) {
                this.temporary.remove(key).resource().close(); // its requester removed it
            }
            IpcDestination destination = IpcDestination.of(key, IpcTemporaryReplyQueues.open(key, this.namespace),
                    WireFormat.ENVELOPE, null, "the temporary reply queue " + key);
            this.temporary.put(key, destination);
            if (this.temporary.size() > OPEN_TEMPORARY_REPLY_QUEUES) {
                var eldest = this.temporary.entrySet().iterator();
                eldest.next().getValue().resource().close();
                eldest.remove();
            }
            return destination;
        }
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
