package dev.springipc.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcShmQueue;
import org.jspecify.annotations.Nullable;

/**
 * A queue, FIFO or pipe seen by the messaging layer: its key, where it is declared, wire format
 * and dead-letter key, over the {@link IpcChannel} that sends and receives its wire bytes.
 */
public final class IpcDestination {

    private final String key;

    private final IpcChannel channel;

    private final WireFormat wireFormat;

    private final @Nullable String deadLetter;

    private final String propertyPath;

    private IpcDestination(String key, IpcChannel channel, WireFormat wireFormat, @Nullable String deadLetter,
            String propertyPath) {
        this.key = Objects.requireNonNull(key, "key");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.wireFormat = Objects.requireNonNull(wireFormat, "wireFormat");
        this.deadLetter = deadLetter;
        this.propertyPath = Objects.requireNonNull(propertyPath, "propertyPath");
    }

    /**
     * A destination over a queue (POSIX, System V or shm ring), a FIFO or a child-process pipe,
     * declared at {@code propertyPath} (e.g. {@code ipc.queues.orders}).
     */
    public static IpcDestination of(String key, IpcResource resource, WireFormat wireFormat,
            @Nullable String deadLetter, String propertyPath) {
        if (!(resource instanceof IpcChannel channel)) {
            throw new IllegalArgumentException("'" + key + "' is a " + resource.getClass().getSimpleName()
                    + ", not a message queue, FIFO or pipe; only ipc.queues, ipc.fifos and ipc.pipes entries carry "
                    + "messages");
        }
        return new IpcDestination(key, channel, wireFormat, deadLetter, propertyPath);
    }

    /**
     * A destination not declared under {@code ipc.*} (a bean of its own, say): its property path
     * is the one it would have, {@code ipc.queues.<key>} for a queue, else {@code ipc.fifos.<key>}
     * or {@code ipc.pipes.<key>}.
     */
    public static IpcDestination of(String key, IpcResource resource, WireFormat wireFormat,
            @Nullable String deadLetter) {
        String kind = (resource instanceof IpcMessageQueue) ? "queues" : (resource instanceof IpcPipe) ? "pipes" : "fifos";
        return of(key, resource, wireFormat, deadLetter, "ipc." + kind + "." + key);
    }

    /** The default wire format of a resource: envelope for the shm ring, raw otherwise. */
    public static WireFormat defaultWireFormat(IpcResource resource) {
        return (resource instanceof IpcShmQueue) ? WireFormat.ENVELOPE : WireFormat.RAW;
    }

    /** The key (bean name). */
    public String key() {
        return this.key;
    }

    /** The resource; an {@link IpcChannel}, as {@link #channel()}. */
    public IpcResource resource() {
        return this.channel;
    }

    /** What sends and receives the wire bytes. */
    public IpcChannel channel() {
        return this.channel;
    }

    public WireFormat wireFormat() {
        return this.wireFormat;
    }

    /** Key of the destination failed messages go to, if any. */
    public @Nullable String deadLetter() {
        return this.deadLetter;
    }

    /** Where the destination is declared, for messages: {@code ipc.queues.orders}. */
    public String propertyPath() {
        return this.propertyPath;
    }

    /**
     * Sends wire bytes as they are. {@code priority} applies to POSIX queues, {@code type} to
     * System V queues (0 = the queue's default); FIFOs, pipes and the shm ring ignore both.
     */
    public void send(byte[] wire, int priority, long type) throws InterruptedException {
        this.channel.send(wire, priority, type);
    }

    /**
     * Sends wire bytes as {@link #send} does if a queue has room now, without waiting; returns
     * false if it is full. A FIFO or pipe has no such probe: it sends, waiting while the pipe is full.
     */
    public boolean offer(byte[] wire, int priority, long type) throws InterruptedException {
        if (this.channel instanceof IpcMessageQueue queue) {
            return queue.trySend(wire, priority, type, Duration.ZERO);
        }
        this.channel.send(wire, priority, type);
        return true;
    }

    /** Receives the next wire message, waiting at most {@code timeout}. */
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return this.channel.receive(timeout);
    }

    @Override
    public String toString() {
        return "IpcDestination[" + this.key + ", " + this.channel.name() + ", " + this.wireFormat + "]";
    }
}
