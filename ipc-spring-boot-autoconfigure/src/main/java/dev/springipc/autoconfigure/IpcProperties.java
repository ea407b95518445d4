package dev.springipc.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcTrust;
import dev.springipc.messaging.WireFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Linux IPC resources. Each entry of a resource map becomes a bean
 * named by its key.
 */
@ConfigurationProperties("ipc")
public class IpcProperties {

    /**
     * Whether to create the declared IPC resources as beans.
     */
    private boolean enabled = true;

    /**
     * Prefix of default object names ("/<namespace>.<key>"). Defaults to
     * spring.application.name, else "app".
     */
    private @Nullable String namespace;

    /**
     * Which objects are removed when the application stops: owned (those this process
     * created), always or never. Each resource may override it.
     */
    private CleanupPolicy cleanup = CleanupPolicy.OWNED;

    /**
     * Directory of FIFOs whose path is relative.
     */
    private Path fifoDirectory = Path.of("/tmp");

    /**
     * Named counting semaphores, by bean name. Entry keys: permits, kind, key, name, mode,
     * create, cleanup.
     */
    private Map<String, Semaphore> semaphores = new LinkedHashMap<>();

    /**
     * Robust interprocess mutexes, by bean name: a holder that dies, even by SIGKILL,
     * releases the mutex and the next holder is told. Entry keys: name, mode, create, cleanup.
     */
    private Map<String, Mutex> mutexes = new LinkedHashMap<>();

    /**
     * Interprocess barriers, by bean name: a barrier breaks when a waiting party dies or
     * times out. Entry keys: parties, name, mode, create, cleanup.
     */
    private Map<String, Barrier> barriers = new LinkedHashMap<>();

    /**
     * Interprocess spin locks, by bean name, for critical sections of a few microseconds; a
     * waiter takes the lock over from a holder whose process died. Entry keys: takeover-after,
     * name, mode, create, cleanup.
     */
    private Map<String, SpinLock> spinLocks = new LinkedHashMap<>();

    /**
     * Shared memory segments, by bean name. Entry keys: size, size-checked, name, mode, create, cleanup.
     */
    private Map<String, Segment> segments = new LinkedHashMap<>();

    /**
     * Message queues, by bean name. Entry keys: type, max-messages, max-message-size, key,
     * idle-strategy, stall-timeout, single-producer, single-consumer, size-checked, wire-format, dead-letter,
     * channel, name, mode, create, cleanup.
     */
    private Map<String, Queue> queues = new LinkedHashMap<>();

    /**
     * Named pipes (FIFOs), by bean name. Entry keys: path, framing, max-frame-size,
     * send-timeout, wire-format, dead-letter, channel, name, mode, create, cleanup.
     */
    private Map<String, Fifo> fifos = new LinkedHashMap<>();

    /**
     * Child processes spoken to through their standard input and output, by bean name.
     * Entry keys: command, framing, restart, restart-backoff, stop-timeout, send-timeout,
     * max-frame-size, wire-format, dead-letter, channel.
     */
    private Map<String, Pipe> pipes = new LinkedHashMap<>();

    private final Trust trust = new Trust();

    private final Template template = new Template();

    private final Listener listener = new Listener();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getNamespace() {
        return this.namespace;
    }

    public void setNamespace(@Nullable String namespace) {
        this.namespace = namespace;
    }

    public CleanupPolicy getCleanup() {
        return this.cleanup;
    }

    public void setCleanup(CleanupPolicy cleanup) {
        this.cleanup = cleanup;
    }

    public Path getFifoDirectory() {
        return this.fifoDirectory;
    }

    public void setFifoDirectory(Path fifoDirectory) {
        this.fifoDirectory = fifoDirectory;
    }

    public Map<String, Semaphore> getSemaphores() {
        return this.semaphores;
    }

    public void setSemaphores(Map<String, Semaphore> semaphores) {
        this.semaphores = semaphores;
    }

    public Map<String, Mutex> getMutexes() {
        return this.mutexes;
    }

    public void setMutexes(Map<String, Mutex> mutexes) {
        this.mutexes = mutexes;
    }

    public Map<String, Barrier> getBarriers() {
        return this.barriers;
    }

    public void setBarriers(Map<String, Barrier> barriers) {
        this.barriers = barriers;
    }

    public Map<String, SpinLock> getSpinLocks() {
        return this.spinLocks;
    }

    public void setSpinLocks(Map<String, SpinLock> spinLocks) {
        this.spinLocks = spinLocks;
    }

    public Map<String, Segment> getSegments() {
        return this.segments;
    }

    public void setSegments(Map<String, Segment> segments) {
        this.segments = segments;
    }

    public Map<String, Queue> getQueues() {
        return this.queues;
    }

    public void setQueues(Map<String, Queue> queues) {
        this.queues = queues;
    }

    public Map<String, Fifo> getFifos() {
        return this.fifos;
    }

    public void setFifos(Map<String, Fifo> fifos) {
        this.fifos = fifos;
    }

    public Map<String, Pipe> getPipes() {
        return this.pipes;
    }

    public void setPipes(Map<String, Pipe> pipes) {
        this.pipes = pipes;
    }

    public Template getTemplate() {
        return this.template;
    }

    public Listener getListener() {
        return this.listener;
    }

    public Trust getTrust() {
        return this.trust;
    }

    /**
     * Whom an object that already exists must belong to before open-or-create uses it. By
     * default only objects of this process's effective uid, with group/other bits within the
     * configured mode, are used; any other is refused as a possible squatter.
     */
    public static class Trust {

        /**
         * Numeric uids (id -u <user>) whose existing objects are used as if they were ours, e.g.
         * a native peer running as another user that creates them first.
         */
        private List<Integer> users = new ArrayList<>();

        /**
         * Numeric gids (getent group <group>) whose existing objects are used as if they were
         * ours, e.g. a group the application shares with a native peer.
         */
        private List<Integer> groups = new ArrayList<>();

        /**
         * Whether create: open-only checks owner and mode too. Off: an open-only object is
         * expected to be created by someone else.
         */
        private boolean checkOpenOnly;

        public List<Integer> getUsers() {
            return this.users;
        }

        public void setUsers(List<Integer> users) {
            this.users = users;
        }

        public List<Integer> getGroups() {
            return this.groups;
        }

        public void setGroups(List<Integer> groups) {
            this.groups = groups;
        }

        public boolean isCheckOpenOnly() {
            return this.checkOpenOnly;
        }

        public void setCheckOpenOnly(boolean checkOpenOnly) {
            this.checkOpenOnly = checkOpenOnly;
        }

        /** As the core's value. */
        IpcTrust toIpcTrust() {
            return new IpcTrust(Set.copyOf(this.users), Set.copyOf(this.groups), this.checkOpenOnly);
        }
    }

    /**
     * What every resource entry takes.
     */
    public abstract static class Resource {

        static <R extends Resource> R empty(String text, R defaults) {
            if (!text.isBlank()) {
                // Not {}: Spring Boot's YAML loader drops an empty flow mapping, and the entry with it.
                throw new IllegalArgumentException("expected the settings of the entry, or an empty value for all "
                        + "defaults ('key:' in YAML, 'key=' in a properties file), not '" + text + "'");
            }
            return defaults;
        }

        /**
         * Operating system name of the object. Defaults to "/<namespace>.<key>".
         */
        private @Nullable String name;

        /**
         * Permission bits as an octal string, applied exactly whatever the umask.
         */
        private String mode = "0600";

        /**
         * What to do when the object exists or is missing: open-or-create, create-only,
         * open-only or recreate.
         */
        private CreateMode create = CreateMode.OPEN_OR_CREATE;

        /**
         * Cleanup policy of this resource, overriding ipc.cleanup.
         */
        private @Nullable CleanupPolicy cleanup;

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public String getMode() {
            return this.mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        public CreateMode getCreate() {
            return this.create;
        }

        public void setCreate(CreateMode create) {
            this.create = create;
        }

        public @Nullable CleanupPolicy getCleanup() {
            return this.cleanup;
        }

        public void setCleanup(@Nullable CleanupPolicy cleanup) {
            this.cleanup = cleanup;
        }

    }

    /**
     * A named counting semaphore.
     */
    public static class Semaphore extends Resource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Semaphore valueOf(String empty) {
            return Resource.empty(empty, new Semaphore());
        }

        /**
         * Initial permits when this application creates the semaphore.
         */
        private int permits = 1;

        /**
         * Kind of semaphore: posix (sem_open), or sysv (semget, with SEM_UNDO so that the
         * kernel gives back the permits of a process that dies).
         */
        private SemaphoreKind kind = SemaphoreKind.POSIX;

        /**
         * System V key, for interop with peers using a fixed key; only with kind sysv.
         * Defaults to a key derived from the name.
         */
        private @Nullable Integer key;

        public int getPermits() {
            return this.permits;
        }

        public void setPermits(int permits) {
            this.permits = permits;
        }

        public SemaphoreKind getKind() {
            return this.kind;
        }

        public void setKind(SemaphoreKind kind) {
            this.kind = kind;
        }

        public @Nullable Integer getKey() {
            return this.key;
        }

        public void setKey(@Nullable Integer key) {
            this.key = key;
        }

    }

    /**
     * A robust interprocess mutex.
     */
    public static class Mutex extends Resource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Mutex valueOf(String empty) {
            return Resource.empty(empty, new Mutex());
        }

    }

    /**
     * An interprocess barrier.
     */
    public static class Barrier extends Resource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Barrier valueOf(String empty) {
            return Resource.empty(empty, new Barrier());
        }

        /**
         * Number of parties that must arrive before the barrier opens.
         */
        private int parties = 2;

        public int getParties() {
            return this.parties;
        }

        public void setParties(int parties) {
            this.parties = parties;
        }

    }

    /**
     * An interprocess spin lock.
     */
    public static class SpinLock extends Resource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static SpinLock valueOf(String empty) {
            return Resource.empty(empty, new SpinLock());
        }

        /**
         * How long the holder's process must be seen dead before a waiter takes the lock over.
         */
        private Duration takeoverAfter = Duration.ofSeconds(1);

        public Duration getTakeoverAfter() {
            return this.takeoverAfter;
        }

        public void setTakeoverAfter(Duration takeoverAfter) {
            this.takeoverAfter = takeoverAfter;
        }

    }

    /**
     * A shared memory segment.
     */
    public static class Segment extends Resource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Segment valueOf(String empty) {
            return Resource.empty(empty, new Segment());
        }

        /**
         * Size of the segment when this application creates it; when it opens an existing
         * one, 0 takes the existing size.
         */
        private DataSize size = DataSize.ofBytes(0);

        /**
         * Whether every access first checks, with one lseek system call, that no other process
         * truncated the segment, so that a truncation is an IpcException naming it instead of an
         * InternalError later or, for an atomic operation, a JVM killed by SIGBUS. Turn it off
         * only for a segment that no untrusted process can write: an access then costs a few
         * nanoseconds instead of about half a microsecond.
         */
        private boolean sizeChecked = true;

        public DataSize getSize() {
            return this.size;
        }

        public void setSize(DataSize size) {
            this.size = size;
        }

        public boolean isSizeChecked() {
            return this.sizeChecked;
        }

        public void setSizeChecked(boolean sizeChecked) {
            this.sizeChecked = sizeChecked;
        }

    }

    /**
     * What queues, FIFOs and pipes — the resources that carry messages — take besides the
     * common entries.
     */
    public abstract static class MessageResource extends Resource {

        /**
         * Wire format: raw (the payload bytes only) or envelope (headers, correlation id,
         * reply-to and trace context before the payload). Defaults to envelope for shm queues,
         * raw otherwise.
         */
        private @Nullable WireFormat wireFormat;

        /**
         * Key of the queue, FIFO or pipe that receives, byte for byte, the messages an
         * @IpcListener of this one failed to process after its retries.
         */
        private @Nullable String deadLetter;

        /**
         * Name of a MessageChannel bean that receives this destination's messages through a
         * Spring Integration inbound channel adapter (needs spring-integration-core).
         */
        private @Nullable String channel;

        public @Nullable WireFormat getWireFormat() {
            return this.wireFormat;
        }

        public void setWireFormat(@Nullable WireFormat wireFormat) {
            this.wireFormat = wireFormat;
        }

        public @Nullable String getDeadLetter() {
            return this.deadLetter;
        }

        public void setDeadLetter(@Nullable String deadLetter) {
            this.deadLetter = deadLetter;
        }

        public @Nullable String getChannel() {
            return this.channel;
        }

        public void setChannel(@Nullable String channel) {
            this.channel = channel;
        }

    }

    /**
     * A message queue.
     */
    public static class Queue extends MessageResource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Queue valueOf(String empty) {
            return Resource.empty(empty, new Queue());
        }

        /**
         * Implementation: posix (mq_open), sysv (msgget) or shm (the shared-memory ring).
         */
        private QueueType type = QueueType.POSIX;

        /**
         * Capacity in messages when this application creates the queue. With type posix at
         * most /proc/sys/fs/mqueue/msg_max for unprivileged processes, default 10 (that
         * limit's Linux default); with type shm the messages of the maximum size the ring holds
         * at least, default 128 (a 4 MiB ring with the default max-message-size). Not with type
         * sysv, whose capacity is in bytes (/proc/sys/kernel/msgmnb).
         */
        private @Nullable Integer maxMessages;

        /**
         * Largest message when this application creates the queue. With type posix at most
         * /proc/sys/fs/mqueue/msgsize_max for unprivileged processes, default 8KB (that limit's
         * Linux default); with type shm default 8KB; with type sysv at most and by default
         * /proc/sys/kernel/msgmax.
         */
        private @Nullable DataSize maxMessageSize;

        /**
         * System V key, for interop with peers using a fixed key; only with type sysv.
         * Defaults to a key derived from the name.
         */
        private @Nullable Integer key;

        /**
         * How this application's receivers wait while the queue is empty; only with type shm.
         * Default backoff: spin, yield, then sleep until a producer wakes them.
         */
        private @Nullable QueueIdleStrategy idleStrategy;

        /**
         * How long a receiver waits on a record whose producer started but did not finish it
         * before it presumes that producer dead and skips the record; only with type shm.
         * Default 1s.
         */
        private @Nullable Duration stallTimeout;

        /**
         * Whether a ring this application creates takes one producer only: one process, one
         * thread at a time. Its sends need no atomic instruction and no fence; a second sender
         * is refused. Only with type shm. Default false.
         */
        private @Nullable Boolean singleProducer;

        /**
         * Whether a ring this application creates takes one consumer only: one process, one
         * thread at a time. Its receives take no lock; a second receiver is refused. Only with
         * type shm. Default false.
         */
        private @Nullable Boolean singleConsumer;

        /**
         * Whether every send and receive first checks, with one lseek system call, that no other
         * process truncated the ring, so that a truncation is an IpcException naming it before
         * its memory is touched. That costs about half a microsecond per call against the
         * ring's tens of nanoseconds, so it is off by default: the ring then checks its size
         * only where it makes a system call anyway (before a receiver sleeps, before a sender
         * wakes one, on a ring that stays full), and a truncation in between surfaces as an InternalError
         * (the listener containers and adapters stop consuming it and name it) or, on an atomic
         * operation, kills the JVM. Only with type shm. Default false.
         */
        private @Nullable Boolean sizeChecked;

        public QueueType getType() {
            return this.type;
        }

        public void setType(QueueType type) {
            this.type = type;
        }

        public @Nullable Integer getMaxMessages() {
            return this.maxMessages;
        }

        public void setMaxMessages(@Nullable Integer maxMessages) {
            this.maxMessages = maxMessages;
        }

        public @Nullable DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public @Nullable Integer getKey() {
            return this.key;
        }

        public void setKey(@Nullable Integer key) {
            this.key = key;
        }

        public @Nullable QueueIdleStrategy getIdleStrategy() {
            return this.idleStrategy;
        }

        public void setIdleStrategy(@Nullable QueueIdleStrategy idleStrategy) {
            this.idleStrategy = idleStrategy;
        }

        public @Nullable Duration getStallTimeout() {
            return this.stallTimeout;
        }

        public void setStallTimeout(@Nullable Duration stallTimeout) {
            this.stallTimeout = stallTimeout;
        }

        public @Nullable Boolean getSingleProducer() {
            return this.singleProducer;
        }

        public void setSingleProducer(@Nullable Boolean singleProducer) {
            this.singleProducer = singleProducer;
        }

        public @Nullable Boolean getSingleConsumer() {
            return this.singleConsumer;
        }

        public void setSingleConsumer(@Nullable Boolean singleConsumer) {
            this.singleConsumer = singleConsumer;
        }

        public @Nullable Boolean getSizeChecked() {
            return this.sizeChecked;
        }

        public void setSizeChecked(@Nullable Boolean sizeChecked) {
            this.sizeChecked = sizeChecked;
        }

    }

    /**
     * A named pipe.
     */
    public static class Fifo extends MessageResource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Fifo valueOf(String empty) {
            return Resource.empty(empty, new Fifo());
        }

        /**
         * Path of the FIFO, absolute or relative to ipc.fifo-directory. Defaults to
         * "<namespace>.<key>.fifo".
         */
        private @Nullable String path;

        /**
         * How messages are cut out of the byte stream: lines, length-prefixed or raw.
         */
        private Framing framing = Framing.LINES;

        /**
         * Largest frame payload, sent or received.
         */
        private DataSize maxFrameSize = DataSize.ofKilobytes(64);

        /**
         * How long a send waits for a reader to appear and for room in the pipe.
         */
        private Duration sendTimeout = Duration.ofSeconds(10);

        public @Nullable String getPath() {
            return this.path;
        }

        public void setPath(@Nullable String path) {
            this.path = path;
        }

        public Framing getFraming() {
            return this.framing;
        }

        public void setFraming(Framing framing) {
            this.framing = framing;
        }

        public DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public Duration getSendTimeout() {
            return this.sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

    }

    /**
     * A child process spoken to through its standard input and output.
     */
    public static class Pipe extends MessageResource {

        /**
         * Binds an entry written without settings ({@code key:} with no value in YAML arrives as an empty
         * string): every setting takes its default.
         * @param empty the bound text, which must be blank
         * @return a new entry with defaults
         */
        public static Pipe valueOf(String empty) {
            return Resource.empty(empty, new Pipe());
        }

        /**
         * Command line of the child process: the program and each argument as separate items
         * (no shell).
         */
        private List<String> command = new ArrayList<>();

        /**
         * How messages are cut out of the child's stdout and written to its stdin: lines,
         * length-prefixed or raw.
         */
        private Framing framing = Framing.LINES;

        /**
         * When the child process is restarted: never, on-failure or always.
         */
        private IpcPipe.Restart restart = IpcPipe.Restart.NEVER;

        /**
         * Pause before the first restart, doubled for each further failure in a row (at most
         * 30 seconds).
         */
        private Duration restartBackoff = Duration.ofSeconds(1);

        /**
         * How long each stop step waits: after closing stdin before SIGTERM, and after SIGTERM
         * before SIGKILL.
         */
        private Duration stopTimeout = Duration.ofSeconds(5);

        /**
         * How long a send waits for a running child while it is restarted.
         */
        private Duration sendTimeout = Duration.ofSeconds(10);

        /**
         * Largest frame payload, sent or received.
         */
        private DataSize maxFrameSize = DataSize.ofKilobytes(64);

        public List<String> getCommand() {
            return this.command;
        }

        public void setCommand(List<String> command) {
            this.command = command;
        }

        public Framing getFraming() {
            return this.framing;
        }

        public void setFraming(Framing framing) {
            this.framing = framing;
        }

        public IpcPipe.Restart getRestart() {
            return this.restart;
        }

        public void setRestart(IpcPipe.Restart restart) {
            this.restart = restart;
        }

        public Duration getRestartBackoff() {
            return this.restartBackoff;
        }

        public void setRestartBackoff(Duration restartBackoff) {
            this.restartBackoff = restartBackoff;
        }

        public Duration getStopTimeout() {
            return this.stopTimeout;
        }

        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public Duration getSendTimeout() {
            return this.sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

    }

    /**
     * IpcTemplate settings.
     */
    public static class Template {

        /**
         * Key of the queue or FIFO the template sends to when no key is given.
         */
        private @Nullable String defaultDestination;

        /**
         * Key of the queue or FIFO (wire-format envelope) that replies to
         * convertSendAndReceive come back on. The first request of an instance claims it
         * (/dev/shm/<os name>.reply-claim); a second running instance with the same
         * reply queue uses a temporary reply queue instead, with a warning, so instances
         * never take each other's replies. Without one, each template uses a temporary reply
         * queue of its own.
         */
        private @Nullable String replyQueue;

        /**
         * Timeout of the receiving methods that take none.
         */
        private Duration receiveTimeout = Duration.ofSeconds(5);

        public @Nullable String getDefaultDestination() {
            return this.defaultDestination;
        }

        public void setDefaultDestination(@Nullable String defaultDestination) {
            this.defaultDestination = defaultDestination;
        }

        public @Nullable String getReplyQueue() {
            return this.replyQueue;
        }

        public void setReplyQueue(@Nullable String replyQueue) {
            this.replyQueue = replyQueue;
        }

        public Duration getReceiveTimeout() {
            return this.receiveTimeout;
        }

        public void setReceiveTimeout(Duration receiveTimeout) {
            this.receiveTimeout = receiveTimeout;
        }

    }

    /**
     * Settings of @IpcListener containers.
     */
    public static class Listener {

        /**
         * Whether @IpcListener methods are detected and their containers started.
         */
        private boolean enabled = true;

        /**
         * Consumer threads per listener when its annotation does not say.
         */
        private int concurrency = 1;

        /**
         * Longest single wait for a message; bounds how long a stop waits for an idle consumer.
         */
        private Duration receiveTimeout = Duration.ofMillis(500);

        /**
         * How long a stop waits for in-flight messages before it interrupts the consumers.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private final Retry retry = new Retry();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getReceiveTimeout() {
            return this.receiveTimeout;
        }

        public void setReceiveTimeout(Duration receiveTimeout) {
            this.receiveTimeout = receiveTimeout;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Retry getRetry() {
            return this.retry;
        }

    }

    /**
     * Retry of a failed @IpcListener invocation.
     */
    public static class Retry {

        /**
         * Attempts per message, the first included; 1 disables retry.
         */
        private int maxAttempts = 3;

        /**
         * Back-off before the first retry.
         */
        private Duration initialInterval = Duration.ofMillis(100);

        /**
         * Factor applied to the back-off after each retry.
         */
        private double multiplier = 2.0;

        /**
         * Longest back-off.
         */
        private Duration maxInterval = Duration.ofSeconds(2);

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

    }

}
