package dev.springipc.core.posix;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.Permissions;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.PosixNames;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.MessageBuffer;
import dev.springipc.core.sys.MessageCalls;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.ResourceLimits;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.Timespec;

/**
 * {@link IpcMessageQueue} over a POSIX message queue ({@code mq_open}). Each thread copies
 * payloads through its own native buffer of the queue's message size, so sending and receiving
 * allocate nothing but the received payload itself.
 */
public final class PosixMessageQueue extends AbstractIpcResource implements IpcMessageQueue {

    static final String KIND = "POSIX message queue";

    /** Linux accepts priorities below MQ_PRIO_MAX = 32768; POSIX promises only 0..31. */
    public static final int MAX_PRIORITY = 32767;

    /** struct mq_attr: four longs (flags, maxmsg, msgsize, curmsgs) and four reserved. */
    private static final int ATTR_MAXMSG = 8;

    private static final int ATTR_MSGSIZE = 16;

    private static final int ATTR_CURMSGS = 24;

    private static final MessageCalls CALLS = MessageCalls.bound();

    /** Where the mqueue file system is mounted, if it is: names can then be looked up as paths. */
    private static final boolean MQUEUE_MOUNTED = Files.isDirectory(Path.of("/dev/mqueue"));

    private final int mqd;

    private final int capacity;

    private final int maxMessageSize;

    private final ThreadLocal<MessageBuffer> buffers;

    private PosixMessageQueue(String name, int mqd, int capacity, int maxMessageSize, boolean owned) {
        super(KIND, name, owned);
        this.mqd = mqd;
        this.capacity = capacity;
        this.maxMessageSize = maxMessageSize;
        this.buffers = ThreadLocal.withInitial(() -> new MessageBuffer(maxMessageSize));
    }

    public static PosixMessageQueue open(String name, int maxMessages, int maxMessageSize, int mode,
            CreateMode create) {
        return open(name, maxMessages, maxMessageSize, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static PosixMessageQueue open(String name, int maxMessages, int maxMessageSize, int mode,
            CreateMode create, IpcTrust trust) {
        String resource = KIND + " " + name;
        NativePlatform.requireSupported(resource);
        PosixNames.validate(name, KIND, PosixNames.NAME_MAX);
        Opener.Opened<Integer> opened;
        try {
            opened = Opener.open(resource, create, () -> createExclusive(name, maxMessages, maxMessageSize, mode),
                    () -> Sys.check(LibRt.mq_open(name, Sys.O_RDWR | Sys.O_CLOEXEC, 0, null), "mq_open"),
                    () -> Sys.check(LibRt.mq_unlink(name), "mq_unlink"));
        }
        catch (NativeError ex) {
            throw translateOpen(resource, ex, maxMessages, maxMessageSize);
        }
        int mqd = opened.handle();
        try {
            if (!opened.created()) {
                // On Linux a message queue descriptor is a file descriptor of the mqueue file system.
                TrustCheck.require(resource, trust, create, false, mode, TrustCheck.ANY_TYPE,
                        TrustCheck.Found.file(FileStatus.ofDescriptor(mqd), "rm /dev/mqueue" + name));
            }
            if (opened.created()) {
                // mq_open narrows the mode by the umask; a 0660 request must yield 0660.
                Sys.check(LibC.fchmod(mqd, mode), "fchmod");
            }
            ByteBuffer attributes = getattr(mqd);
            return new PosixMessageQueue(name, mqd, (int) attributes.getLong(ATTR_MAXMSG),
                    (int) attributes.getLong(ATTR_MSGSIZE), opened.created());
        }
        catch (NativeError ex) {
            LibRt.mq_close(mqd);
            if (opened.created()) {
                LibRt.mq_unlink(name);
            }
            throw IpcErrors.translate(resource, ex);
        }
        catch (RuntimeException ex) {
            LibRt.mq_close(mqd);
            if (opened.created()) {
                LibRt.mq_unlink(name);
            }
            throw ex;
        }
    }

    private static int createExclusive(String name, int maxMessages, int maxMessageSize, int mode) throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        ByteBuffer attributes = scratch.structView();
        for (int offset = 0; offset < NativeScratch.STRUCT_SIZE; offset += Long.BYTES) {
            attributes.putLong(offset, 0);
        }
        attributes.putLong(ATTR_MAXMSG, maxMessages);
        attributes.putLong(ATTR_MSGSIZE, maxMessageSize);
        return Sys.check(LibRt.mq_open(name, Sys.O_RDWR | Sys.O_CREAT | Sys.O_EXCL | Sys.O_CLOEXEC, mode,
                scratch.struct()), "mq_open");
    }

    private static IpcException translateOpen(String resource, NativeError error, int maxMessages,
            int maxMessageSize) {
        if (error.errno() == Errno.EMFILE) {
            // mq_open's EMFILE is RLIMIT_NOFILE or RLIMIT_MSGQUEUE: a free descriptor rules out the first.
            boolean descriptors = ResourceLimits.descriptorTableFull();
            return limitExceeded(descriptors ? IpcLimit.OPEN_FILES : IpcLimit.RLIMIT_MSGQUEUE, resource, error,
                    descriptors ? IpcErrors.openFilesFix() : MqLimits.explainTooMany(maxMessages, maxMessageSize));
        }
        if (error.errno() == Errno.EINVAL) {
            IpcLimit limit = MqLimits.exceeded(maxMessages, maxMessageSize);
            if (limit != null) {
                return limitExceeded(limit, resource, error, MqLimits.explainInvalid(maxMessages, maxMessageSize));
            }
        }
        return IpcErrors.translate(resource, error, (error.errno() == Errno.ENOSPC) ? MqLimits.explainNoSpace() : null);
    }

    private static IpcLimitExceededException limitExceeded(IpcLimit limit, String resource, NativeError error,
            String fix) {
        return new IpcLimitExceededException(limit, resource, error.call(), error.errno(),
                IpcErrors.message(resource, error.call(), error.errno(), fix));
    }

    /** Reads {@code struct mq_attr} into the calling thread's scratch struct. */
    private static ByteBuffer getattr(int mqd) throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        Sys.check(LibRt.mq_getattr(mqd, scratch.struct()), "mq_getattr");
        return scratch.structView();
    }

    @Override
    public void send(byte[] payload, int priority) throws InterruptedException {
        timedSend(payload, priority, Waits.FOREVER);
    }

    @Override
    public boolean trySend(byte[] payload, int priority, Duration timeout) throws InterruptedException {
        return timedSend(payload, priority, Waits.toNanos(timeout));
    }

    private boolean timedSend(byte[] payload, int priority, long timeoutNanos) throws InterruptedException {
        if (payload.length > this.maxMessageSize) {
            throw new IpcMessageTooLargeException(description(), null, Errno.EMSGSIZE, description() + ": a payload of "
                    + payload.length + " bytes exceeds the queue's max-message-size of " + this.maxMessageSize
                    + " bytes; send less, or recreate the queue with a larger max-message-size");
        }
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(description() + ": priority " + priority + " is outside 0.."
                    + MAX_PRIORITY + " (0..31 is portable)");
        }
        Waits.checkInterrupted();
        enter();
        try {
            MessageBuffer buffer = this.buffers.get();
            buffer.message().put(0, payload);
            long deadline = Waits.deadline(timeoutNanos);
            long slice = Waits.nextSlice(deadline);
            while (true) {
                // A deadline of "now" still sends if there is room: the zero timeout is non-blocking.
                Timespec.realtimeDeadline(buffer.timespec(), slice);
                int errno = -CALLS.mqTimedsend(buffer, this.mqd, payload.length, priority);
                if (errno == 0) {
                    return true;
                }
                if (errno != Errno.ETIMEDOUT && errno != Errno.EINTR) {
                    throw translate(new NativeError("mq_timedsend", errno));
                }
                slice = nextWaitSlice(deadline);
                if (slice == 0) {
                    return false;
                }
            }
        }
        finally {
            exit();
        }
    }

    @Override
    public IpcMessage receive() throws InterruptedException {
        return timedReceive(Waits.FOREVER);
    }

    @Override
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(timedReceive(Waits.toNanos(timeout)));
    }

    private IpcMessage timedReceive(long timeoutNanos) throws InterruptedException {
        Waits.checkInterrupted();
        enter();
        try {
            MessageBuffer buffer = this.buffers.get();
            long deadline = Waits.deadline(timeoutNanos);
            // First looks with an expired deadline, which the kernel answers without sleeping
            // (see Waits.SPIN_BEFORE_BLOCKING_NANOS); then waits in slices.
            boolean spinning = true;
            long spinDeadline = 0;
            long slice = 0;
            while (true) {
                if (spinning) {
                    Timespec.epoch(buffer.timespec());
                }
                else {
                    Timespec.realtimeDeadline(buffer.timespec(), slice);
                }
                long length = CALLS.mqTimedreceive(buffer, this.mqd, this.maxMessageSize);
                if (length >= 0) {
                    byte[] payload = new byte[(int) length];
                    buffer.message().get(0, payload);
                    return IpcMessage.withPriority(payload, buffer.priority());
                }
                int errno = (int) -length;
                if (errno != Errno.ETIMEDOUT && errno != Errno.EINTR) {
                    throw translate(new NativeError("mq_timedreceive", errno));
                }
                if (spinning) {
                    long now = System.nanoTime();
                    spinDeadline = Waits.spinDeadline(spinDeadline, now);
                    if (Waits.spinning(now, spinDeadline, deadline)) {
                        continue;
                    }
                    spinning = false;
                }
                slice = nextWaitSlice(deadline);
                if (slice == 0) {
                    return null;
                }
            }
        }
        finally {
            exit();
        }
    }

    @Override
    public int depth() {
        enter();
        try {
            return (int) getattr(this.mqd).getLong(ATTR_CURMSGS);
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    @Override
    public int capacity() {
        return this.capacity;
    }

    @Override
    public int maxMessageSize() {
        return this.maxMessageSize;
    }

    @Override
    protected void closeHandle() throws NativeError {
        Sys.check(LibRt.mq_close(this.mqd), "mq_close");
    }

    @Override
    protected void removeName() throws NativeError {
        Sys.check(LibRt.mq_unlink(name()), "mq_unlink");
    }

    /**
     * The descriptor's link count tells whether the name was removed; only then is the name
     * opened (read-only, closed at once) to tell a removed queue from one created again. Where
     * {@code /dev/mqueue} is mounted the name's inode is compared too.
     */
    @Override
    protected IpcResourceStatus inspect() throws NativeError {
        FileStatus handle = status();
        if (handle.links() == 0) {
            int other = LibRt.mq_open(name(), Sys.O_RDONLY | Sys.O_CLOEXEC, 0, null);
            if (other < 0) {
                return new IpcResourceStatus(IpcResourceStatus.State.VANISHED, "vanished: " + description()
                        + " was removed (mq_unlink, or rm in /dev/mqueue)");
            }
            LibRt.mq_close(other);
            return new IpcResourceStatus(IpcResourceStatus.State.REPLACED, "replaced: " + description()
                    + " was removed and created again; this handle holds the old queue");
        }
        if (MQUEUE_MOUNTED) {
            return inspectPath("/dev/mqueue" + name(), handle.inode());
        }
        if (!grantsReadWrite(handle)) {
            return new IpcResourceStatus(IpcResourceStatus.State.INACCESSIBLE, "inaccessible: " + description()
                    + " (mode " + Permissions.formatMode(handle.mode()) + ", uid " + handle.uid()
                    + ", gid " + handle.gid() + ") is no longer readable and writable by this process");
        }
        return IpcResourceStatus.present("present: " + description());
    }

    @Override
    protected FileStatus status() throws NativeError {
        ensureOpen();
        return FileStatus.ofDescriptor(this.mqd);
    }
}
