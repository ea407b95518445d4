package dev.springipc.cloud.stream.binder;

import java.nio.file.Path;

import dev.springipc.autoconfigure.CleanupPolicy;
import dev.springipc.autoconfigure.IpcProperties;
import dev.springipc.autoconfigure.IpcResourceDeclaration;
import dev.springipc.autoconfigure.IpcResourceKind;
import dev.springipc.autoconfigure.IpcResourceLifecycle;
import dev.springipc.cloud.stream.binder.properties.IpcCommonProperties;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.Permissions;

/**
 * One queue the binder opened, with its own {@link IpcResourceLifecycle}: the starter's owner
 * records, recovery of what a dead process left and cleanup policy apply to it as to a declared
 * {@code ipc.queues} entry, and {@link #close()} releases this queue alone (an anonymous
 * consumer's queue goes when it unbinds, not when the application stops).
 */
final class QueueLease implements AutoCloseable {

    private final IpcResourceLifecycle lifecycle;

    private final IpcResourceDeclaration declaration;

    private final IpcMessageQueue queue;

    private final IpcCommonProperties settings;

    private QueueLease(IpcResourceLifecycle lifecycle, IpcResourceDeclaration declaration, IpcMessageQueue queue,
            IpcCommonProperties settings) {
        this.lifecycle = lifecycle;
        this.declaration = declaration;
        this.queue = queue;
        this.settings = settings;
    }

    /**
     * Opens the queue {@code osName} with {@code settings} (which apply when this call creates it).
     * @throws dev.springipc.autoconfigure.IpcResourceOpenException if the core refuses
     */
    static QueueLease open(String osName, IpcCommonProperties settings, CreateMode create, CleanupPolicy cleanup,
            IpcTrust trust) {
        IpcProperties.Queue entry = new IpcProperties.Queue();
        entry.setType(settings.getQueueType());
        entry.setMaxMessages(settings.getMaxMessages());
        entry.setMaxMessageSize(settings.getMaxMessageSize());
        // The key names the owner record files and the messages: the OS name without its slash.
        IpcResourceDeclaration declaration = new IpcResourceDeclaration(osName.substring(1), IpcResourceKind.QUEUES,
                entry, osName, Permissions.parseMode(settings.getMode()), create, cleanup, Path.of("/tmp"), trust);
        IpcResourceLifecycle lifecycle = new IpcResourceLifecycle();
        try {
            return new QueueLease(lifecycle, declaration, (IpcMessageQueue) lifecycle.open(declaration),
                    settings);
        }
        catch (RuntimeException ex) {
            lifecycle.destroy();
            throw ex;
        }
    }

    IpcMessageQueue queue() {
        return this.queue;
    }

    /** The settings it was opened with; its type is the queue's. */
    IpcCommonProperties settings() {
        return this.settings;
    }

    String osName() {
        return this.declaration.osName();
    }

    /** The key of the queue for the starter's health and meters, e.g. {@code scst.orders.billing}. */
    String key() {
        return this.declaration.key();
    }

    /** Closes the handle and removes the queue if its cleanup policy says so. */
    @Override
    public void close() {
        this.lifecycle.destroy();
    }

    @Override
    public String toString() {
        return this.declaration.description();
    }
}
