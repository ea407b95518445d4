package dev.springipc.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.SysvKey;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * A kind of declared resource: which {@code ipc.*} map declares it, which core type it becomes
 * and how its properties map onto the core builder. The only place that knows each kind; the
 * registrar, the lifecycle and the failure analyzers work on any kind.
 *
 * @param <P> the properties type of an entry
 */
public final class IpcResourceKind<P extends IpcProperties.Resource> {

    /** Named semaphores ({@code ipc.semaphores}), POSIX or System V per entry. */
    public static final IpcResourceKind<IpcProperties.Semaphore> SEMAPHORES = new IpcResourceKind<>("semaphores",
            "semaphore", IpcSemaphore.class, IpcProperties::getSemaphores, false, true,
            (entry, declaration, create) -> (entry.getKind() == SemaphoreKind.SYSV)
                    ? IpcSemaphore.sysv(sysvKey(entry.getKey(), declaration))
                        .permits(entry.getPermits())
                        .mode(declaration.mode())
                        .create(create)
                        .trust(declaration.trust())
                        .open()
                    : IpcSemaphore.builder(declaration.osName())
                        .permits(entry.getPermits())
                        .mode(declaration.mode())
                        .create(create)
                        .trust(declaration.trust())
                        .open());

    /** Robust mutexes ({@code ipc.mutexes}). */
    public static final IpcResourceKind<IpcProperties.Mutex> MUTEXES = new IpcResourceKind<>("mutexes", "IPC mutex",
            IpcMutex.class, IpcProperties::getMutexes, false, false,
            (entry, declaration, create) -> IpcMutex.builder(declaration.osName())
                .mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open());

    /** Barriers ({@code ipc.barriers}). */
    public static final IpcResourceKind<IpcProperties.Barrier> BARRIERS = new IpcResourceKind<>("barriers",
            "IPC barrier", IpcBarrier.class, IpcProperties::getBarriers, false, false,
            (entry, declaration, create) -> IpcBarrier.builder(declaration.osName())
                .parties(entry.getParties())
                .mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open());

    /** Spin locks ({@code ipc.spin-locks}). */
    public static final IpcResourceKind<IpcProperties.SpinLock> SPIN_LOCKS = new IpcResourceKind<>("spin-locks",
            "IPC spin lock", IpcSpinLock.class, IpcProperties::getSpinLocks, false, false,
            (entry, declaration, create) -> IpcSpinLock.builder(declaration.osName())
                .takeoverAfter(entry.getTakeoverAfter())
                .mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open());

    /** Shared memory segments ({@code ipc.segments}). */
    public static final IpcResourceKind<IpcProperties.Segment> SEGMENTS = new IpcResourceKind<>("segments",
            "POSIX shared memory segment", IpcSharedSegment.class, IpcProperties::getSegments, false, false,
            (entry, declaration, create) -> IpcSharedSegment.builder(declaration.osName())
                .size(entry.getSize().toBytes())
                .sizeChecked(entry.isSizeChecked())
                .mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open());

    /** Message queues ({@code ipc.queues}): POSIX, System V or the shm ring, per entry. */
    public static final IpcResourceKind<IpcProperties.Queue> QUEUES = new IpcResourceKind<>("queues",
            "message queue", IpcMessageQueue.class, IpcProperties::getQueues, false, false,
            IpcResourceKind::openQueue);

    /** Named pipes ({@code ipc.fifos}). */
    public static final IpcResourceKind<IpcProperties.Fifo> FIFOS = new IpcResourceKind<>("fifos", "FIFO",
            IpcFifo.class, IpcProperties::getFifos, true, false,
            (entry, declaration, create) -> IpcFifo.builder(declaration.osName())
                .directory(declaration.fifoDirectory())
                .framing(entry.getFraming())
                .maxFrameSize(toInt(entry.getMaxFrameSize()))
                .sendTimeout(entry.getSendTimeout())
                .mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open());

    /**
     * Child-process pipes ({@code ipc.pipes}): opening starts the child, closing stops it. Named
     * by their command line; nothing of them outlives the process, so they keep no owner records.
     */
    public static final IpcResourceKind<IpcProperties.Pipe> PIPES = new IpcResourceKind<>("pipes",
            "child-process pipe", IpcPipe.class, IpcProperties::getPipes, false, false, PipeOpener::open);

    /** Every kind, in creation order. */
    public static final List<IpcResourceKind<?>> ALL = List.of(SEMAPHORES, MUTEXES, BARRIERS, SPIN_LOCKS,
            SEGMENTS, QUEUES, FIFOS, PIPES);

    private final String property;

    private final String label;

    private final Class<? extends IpcResource> type;

    private final Function<IpcProperties, Map<String, P>> entries;

    private final boolean pathNamed;

    private final boolean holdsPermits;

    private final Opener<P> opener;

    private IpcResourceKind(String property, String label, Class<? extends IpcResource> type,
            Function<IpcProperties, Map<String, P>> entries, boolean pathNamed, boolean holdsPermits,
            Opener<P> opener) {
        this.property = property;
        this.label = label;
        this.type = type;
        this.entries = entries;
        this.pathNamed = pathNamed;
        this.holdsPermits = holdsPermits;
        this.opener = opener;
    }

    /** The map under {@code ipc.}, e.g. {@code queues}. */
    public String property() {
        return this.property;
    }

    /**
     * Where the entry {@code key} of this kind is declared, e.g. {@code ipc.queues.orders}: the one
     * place property paths are built, for messages and for the messaging destinations.
     */
    public String propertyPath(String key) {
        return "ipc." + this.property + "." + key;
    }

    /** What the kind is called in messages, e.g. {@code POSIX message queue}. */
    public String label() {
        return this.label;
    }

    /** The core type of the bean. */
    public Class<? extends IpcResource> type() {
        return this.type;
    }

    /**
     * Whether a dead process may have held part of the object's state (permits) that nobody
     * can give back, so that a leftover of a dead owner must be recreated, never reused.
     */
    boolean holdsPermits() {
        return this.holdsPermits;
    }

    Map<String, P> entries(IpcProperties properties) {
        return this.entries.apply(properties);
    }

    /**
     * The OS name of an entry: its {@code name} (or a FIFO's {@code path}), else the default
     * {@code /<namespace>.<key>} or, for a FIFO, {@code <namespace>.<key>.fifo} (relative to the
     * FIFO directory).
     */
    String osName(IpcProperties.Resource entry, String namespace, String key, Path fifoDirectory) {
        if (entry instanceof IpcProperties.Pipe pipe) {
            return String.join(" ", pipe.getCommand());
        }
        if (this.pathNamed) {
            String path = (entry instanceof IpcProperties.Fifo fifo && fifo.getPath() != null) ? fifo.getPath()
                    : entry.getName();
            return (path != null) ? path : namespace + "." + key + ".fifo";
        }
        return (entry.getName() != null) ? entry.getName() : "/" + namespace + "." + key;
    }

    /**
     * Whether the object is a kernel object with a name that outlives the process (everything
     * but pipes), and so has owner records, crash recovery and cleanup.
     */
    boolean persistent() {
        return this != PIPES;
    }

    /** Opens the object as declared, with {@code create} (which recovery may have changed). */
    IpcResource open(IpcResourceDeclaration declaration, CreateMode create) {
        @SuppressWarnings("unchecked")
        P entry = (P) declaration.properties();
        return this.opener.open(entry, declaration, create);
    }

    /** Whether the OS name is a path, relative to the FIFO directory unless absolute. */
    boolean pathNamed() {
        return this.pathNamed;
    }

    /**
     * Capacity and message size are passed only when set: their defaults depend on the type, and
     * each type's core builder holds its own (one place for each default).
     */
    private static IpcResource openQueue(IpcProperties.Queue entry, IpcResourceDeclaration declaration,
            CreateMode create) {
        Integer maxMessages = entry.getMaxMessages();
        Integer maxMessageSize = (entry.getMaxMessageSize() != null) ? toInt(entry.getMaxMessageSize()) : null;
        return switch (entry.getType()) {
            case SYSV -> {
                IpcMessageQueue.SysvBuilder builder = IpcMessageQueue.sysv(sysvKey(entry.getKey(), declaration));
                if (maxMessageSize != null) {
                    builder.maxMessageSize(maxMessageSize);
                }
                yield builder.mode(declaration.mode()).create(create).trust(declaration.trust()).open();
            }
            case SHM -> shmQueue(entry, declaration, maxMessages, maxMessageSize).mode(declaration.mode())
                .create(create)
                .trust(declaration.trust())
                .open();
            case POSIX -> {
                IpcMessageQueue.PosixBuilder builder = IpcMessageQueue.posix(declaration.osName());
                if (maxMessages != null) {
                    builder.maxMessages(maxMessages);
                }
                if (maxMessageSize != null) {
                    builder.maxMessageSize(maxMessageSize);
                }
                yield builder.mode(declaration.mode()).create(create).trust(declaration.trust()).open();
            }
        };
    }

    private static IpcMessageQueue.ShmBuilder shmQueue(IpcProperties.Queue entry, IpcResourceDeclaration declaration,
            @Nullable Integer maxMessages, @Nullable Integer maxMessageSize) {
        IpcMessageQueue.ShmBuilder builder = IpcMessageQueue.shm(declaration.osName());
        if (maxMessages != null) {
            builder.maxMessages(maxMessages);
        }
        if (maxMessageSize != null) {
            builder.maxMessageSize(maxMessageSize);
        }
        if (entry.getIdleStrategy() != null) {
            builder.idleStrategy(entry.getIdleStrategy().strategy());
        }
        if (entry.getStallTimeout() != null) {
            builder.stallTimeout(entry.getStallTimeout());
        }
        if (entry.getSingleProducer() != null) {
            builder.singleProducer(entry.getSingleProducer());
        }
        if (entry.getSingleConsumer() != null) {
            builder.singleConsumer(entry.getSingleConsumer());
        }
        if (entry.getSizeChecked() != null) {
            builder.sizeChecked(entry.getSizeChecked());
        }
        return builder;
    }

    /** The configured System V key, else one derived from the OS name, so every process agrees. */
    private static int sysvKey(@Nullable Integer key, IpcResourceDeclaration declaration) {
        return (key != null) ? key : SysvKey.of(declaration.osName());
    }

    static int toInt(DataSize size) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " bytes are allowed: " + size);
        }
        return (int) bytes;
    }

    @Override
    public String toString() {
        return this.property;
    }

    @FunctionalInterface
    private interface Opener<P> {

        IpcResource open(P entry, IpcResourceDeclaration declaration, CreateMode create);

    }

    static @Nullable IpcResourceKind<?> byProperty(String property) {
        return ALL.stream().filter((kind) -> kind.property.equals(property)).findFirst().orElse(null);
    }
}
