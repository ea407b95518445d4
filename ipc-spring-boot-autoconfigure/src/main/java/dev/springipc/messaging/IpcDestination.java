package dev.springipc.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcStream;
import dev.springipc.core.IpcSysvMessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * A queue or FIFO seen by the messaging layer: its key, wire format and dead-letter key, and one
 * way to send and receive wire bytes whatever the resource type.
 */
public final class IpcDestination {

    private final String key;

    private final IpcResource resource;

    private final WireFormat wireFormat;

    private final @Nullable String deadLetter;

    private IpcDestination(String key, IpcResource resource, WireFormat wireFormat, @Nullable String deadLetter) {
        this.key = Objects.requireNonNull(key, "key");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.wireFormat = Objects.requireNonNull(wireFormat, "wireFormat");
        this.deadLetter = deadLetter;
    }

    /** A destination over a queue (POSIX, System V or shm ring), a FIFO or a child-process pipe. */
    public static IpcDestination of(String key, IpcResource resource, WireFormat wireFormat,
            @Nullable String deadLetter) {
        if (!(resource instanceof IpcMessageQueue) && !(resource instanceof IpcStream)) {
            throw new IllegalArgumentException("'" + key + "' is a " + resource.getClass().getSimpleName()
                    + ", not a message queue, FIFO or pipe; only ipc.queues, ipc.fifos and ipc.pipes entries carry "
                    + "messages");
        }
        return new IpcDestination(key, resource, wireFormat, deadLetter);
    }

    /** The default wire format of a resource: envelope for the shm ring, raw otherwise. */
    public static WireFormat defaultWireFormat(IpcResource resource) {
        return (resource instanceof dev.springipc.core.IpcShmQueue) ? WireFormat.ENVELOPE : WireFormat.RAW;
    }

    /** The key (bean name). */
    public String key() {
        return this.key;
    }

    public IpcResource resource() {
        return this.resource;
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
        String kind = (this.resource instanceof IpcMessageQueue) ? "queues"
                : (this.resource instanceof IpcPipe) ? "pipes" : "fifos";
        return "ipc." + kind + "." + this.key;
    }

    /**
     * Sends wire bytes as they are. {@code priority} applies to POSIX queues, {@code type} to
     * System V queues (0 = the queue's default); FIFOs, pipes and the shm ring ignore both.
     */
    public void send(byte[] wire, int priority, long type) throws InterruptedException {
        if (this.resource instanceof IpcSysvMessageQueue sysv) {
            sysv.send(wire, (type > 0) ? type : IpcSysvMessageQueue.DEFAULT_TYPE);
        }
        else if (this.resource instanceof IpcMessageQueue queue) {
            queue.send(wire, priority);
        }
        else {
            ((IpcStream) this.resource).send(wire);
        }
    }

    /** Receives the next wire message, waiting at most {@code timeout}. */
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return (this.resource instanceof IpcMessageQueue queue) ? queue.receive(timeout)
                : ((IpcStream) this.resource).receive(timeout);
    }

    @Override
    public String toString() {
        return "IpcDestination[" + this.key + ", " + this.resource.name() + ", " + this.wireFormat + "]";
    }
}
