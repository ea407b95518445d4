package dev.springipc.core.sysv;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.Permissions;
import dev.springipc.core.SysvKey;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.BlockingCallWatchdog;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibSysv;
import dev.springipc.core.sys.MessageBuffer;
import dev.springipc.core.sys.MessageCalls;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.SysvLayout;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcSysvMessageQueue} over a System V message queue. Each thread copies messages through
 * its own native {@code struct msgbuf} (a long type, then up to {@code msgmax} bytes), so sending
 * and receiving allocate nothing but the received payload itself. System V has no timed send or
 * receive: a waiting call blocks in the kernel (a receive after retrying with IPC_NOWAIT for up
 * to {@link Waits#SPIN_BEFORE_BLOCKING_NANOS}), and {@link BlockingCallWatchdog} cuts it short at its
 * deadline, on interrupt or on close; where that is not available it polls with IPC_NOWAIT and
 * the back-off of {@link Waits#pause}.
 */
public final class SysvMessageQueue extends AbstractIpcResource implements IpcSysvMessageQueue {

    static final String KIND = "System V message queue";

    /** How long a send blocks on a full queue before it checks that its payload can fit at all. */
    private static final long FIT_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final MessageCalls CALLS = MessageCalls.bound();

    private final int key;

    private final int msqid;

    private final int maxMessageSize;

    /** Payload capacity of each thread's buffer: msgmax when the queue was opened. */
    private final int bufferCapacity;

    /** Whether {@link #maxMessageSize} is kernel.msgmax (none configured, msg_qbytes larger). */
    private final boolean msgmaxBound;

    private final ThreadLocal<MessageBuffer> buffers;

    private SysvMessageQueue(int key, int msqid, int maxMessageSize, int bufferCapacity, boolean msgmaxBound,
            boolean owned) {
        super(KIND, SysvObjects.name(key), owned);
        this.key = key;
        this.msqid = msqid;
        this.maxMessageSize = maxMessageSize;
        this.bufferCapacity = bufferCapacity;
        this.msgmaxBound = msgmaxBound;
        this.buffers = ThreadLocal.withInitial(() -> new MessageBuffer(SysvLayout.MSGBUF_TEXT + (long) bufferCapacity));
    }

    /**
     * Opens or creates the queue.
     * @param maxBytes msg_qbytes for a queue this call creates; 0 keeps the kernel's default
     * @param maxMessageSize largest payload this handle sends; 0 means msgmax
     */
    public static SysvMessageQueue open(int key, long maxBytes, int maxMessageSize, int mode, CreateMode create) {
        return open(key, maxBytes, maxMessageSize, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static SysvMessageQueue open(int key, long maxBytes, int maxMessageSize, int mode, CreateMode create,
            IpcTrust trust) {
        String resource = KIND + " " + SysvObjects.name(key);
        NativePlatform.requireSupported(resource);
        SysvObjects.checkKey(resource, key);
        MsgLimits.checkMaxMessageSize(resource, maxMessageSize);
        MsgLimits.checkMaxBytes(resource, maxBytes);
        int msgmax = (int) Math.min(MsgLimits.msgmax(), Integer.MAX_VALUE - SysvLayout.MSGBUF_TEXT);
        Opener.Opened<Integer> opened;
        try {
            opened = Opener.open(resource, create,
                    () -> Sys.check(LibSysv.msgget(key, LibSysv.IPC_CREAT | LibSysv.IPC_EXCL | mode), "msgget"),
                    () -> Sys.check(LibSysv.msgget(key, 0), "msgget"),
                    () -> removeByKey(key));
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(resource, ex, (ex.errno() == Errno.ENOSPC) ? MsgLimits.explainNoSpace() : null);
        }
        int msqid = opened.handle();
        try {
            NativeScratch scratch = NativeScratch.current();
            Sys.check(LibSysv.msgctl(msqid, LibSysv.IPC_STAT, scratch.struct()), "msgctl(IPC_STAT)");
            TrustCheck.require(resource, trust, create, opened.created(), mode, TrustCheck.ANY_TYPE,
                    SysvObjects.found(scratch.structView(), "ipcrm -Q " + SysvKey.format(key)));
            if (opened.created() && maxBytes > 0) {
                scratch.structView().putLong(SysvLayout.MSQID_DS_QBYTES, maxBytes);
                Sys.check(LibSysv.msgctl(msqid, LibSysv.IPC_SET, scratch.struct()), "msgctl(IPC_SET)");
            }
            long queueBytes = scratch.structView().getLong(SysvLayout.MSQID_DS_QBYTES);
            // A payload above msg_qbytes could never be sent: refuse it before the call instead.
            int limit = (int) Math.min((maxMessageSize > 0) ? maxMessageSize : msgmax, queueBytes);
            boolean msgmaxBound = maxMessageSize == 0 && msgmax <= queueBytes;
            return new SysvMessageQueue(key, msqid, limit, msgmax, msgmaxBound, opened.created());
        }
        catch (NativeError ex) {
            if (opened.created()) {
                LibSysv.msgctl(msqid, LibSysv.IPC_RMID, null);
            }
            throw IpcErrors.translate(resource, ex);
        }
    }

    private static void removeByKey(int key) throws NativeError {
        int msqid = Sys.check(LibSysv.msgget(key, 0), "msgget");
        try {
            Sys.check(LibSysv.msgctl(msqid, LibSysv.IPC_RMID, null), "msgctl(IPC_RMID)");
        }
        catch (NativeError ex) {
            throw SysvObjects.removedAsMissing(ex);
        }
    }

    @Override
    public int key() {
        return this.key;
    }

    @Override
    public void send(byte[] payload, long type) throws InterruptedException {
        timedSend(payload, type, Waits.FOREVER);
    }

    @Override
    public boolean trySend(byte[] payload, long type, Duration timeout) throws InterruptedException {
        return timedSend(payload, type, Waits.toNanos(timeout));
    }

    private boolean timedSend(byte[] payload, long type, long timeoutNanos) throws InterruptedException {
        checkType(type);
        if (payload.length > this.maxMessageSize && this.msgmaxBound) {
            // The kernel's limit, not one configured: msgsnd would fail with EINVAL.
            throw MsgLimits.aboveMsgmax(description(), payload.length, this.maxMessageSize);
        }
        if (payload.length > this.maxMessageSize) {
            throw new IpcMessageTooLargeException(description(), null, Errno.EMSGSIZE, description() + ": a payload of "
                    + payload.length + " bytes exceeds the max-message-size of " + this.maxMessageSize
                    + " bytes (at most " + MsgLimits.MSGMAX + " and the queue's msg_qbytes); send less, or raise the "
                    + "limit");
        }
        Waits.checkInterrupted();
        enter();
        try {
            MessageBuffer buffer = this.buffers.get();
            buffer.message().putLong(0, type);
            buffer.message().put(SysvLayout.MSGBUF_TEXT, payload);
            long deadline = Waits.deadline(timeoutNanos);
            long pause = Waits.MIN_BACKOFF_NANOS;
            boolean fitChecked = false;
            boolean block = false;
            while (true) {
                int errno;
                if (block) {
                    // Until the fit is checked, block for one episode only: a payload above msg_qbytes
                    // (lowered since open by another handle) would otherwise wait in msgsnd forever.
                    long episode = fitChecked ? deadline : Math.min(deadline, System.nanoTime() + FIT_CHECK_NANOS);
                    BlockingCallWatchdog.Call call = BlockingCallWatchdog.current();
                    call.begin(this, episode);
                    try {
                        errno = -CALLS.msgsnd(buffer, this.msqid, payload.length, 0);
                    }
                    finally {
                        call.end();
                    }
                }
                else {
                    errno = -CALLS.msgsnd(buffer, this.msqid, payload.length, LibSysv.IPC_NOWAIT);
                }
                if (errno == 0) {
                    return true;
                }
                if (errno == Errno.EINVAL) {
                    throw refusedSend(errno, payload.length);
                }
                if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
                    throw SysvObjects.translate(description(), new NativeError("msgsnd", errno));
                }
                checkWaitable();
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                // The fit check costs an IPC_STAT: only after a wait, never on the path of a full queue.
                if (!fitChecked && (errno == Errno.EINTR || !BlockingCallWatchdog.available())) {
                    long queueBytes = maxBytes();
                    if (payload.length > queueBytes) {
                        throw MsgLimits.neverFits(description(), payload.length, queueBytes);
                    }
                    fitChecked = true;
                }
                // The queue is full: wait in the kernel for room, unless nothing can wake us there.
                block = BlockingCallWatchdog.available();
                if (!block && errno == Errno.EAGAIN) {
                    Waits.pause(pause, deadline);
                    pause = Waits.backoff(pause);
                }
            }
        }
        finally {
            exit();
        }
    }

    /** EINVAL from msgsnd: a removed queue, or a payload above msgmax or msg_qbytes. */
    private RuntimeException refusedSend(int errno, int length) {
        NativeScratch scratch = NativeScratch.current();
        if (LibSysv.msgctl(this.msqid, LibSysv.IPC_STAT, scratch.struct()) != 0) {
            return SysvObjects.translate(description(), new NativeError("msgsnd", errno));
        }
        return MsgLimits.sendRefused(description(), "msgsnd", errno, length,
                scratch.structView().getLong(SysvLayout.MSQID_DS_QBYTES));
    }

    private void checkType(long type) {
        if (type < 1) {
            throw new IllegalArgumentException(description() + ": message type " + type
                    + " is invalid: System V message types are positive (at least 1)");
        }
    }

    @Override
    public IpcMessage receive(long msgtyp) throws InterruptedException {
        IpcMessage message = timedReceive(msgtyp, Waits.FOREVER);
        if (message == null) {
            throw new IllegalStateException("unreachable: an unbounded receive returned nothing");
        }
        return message;
    }

    @Override
    public Optional<IpcMessage> receive(long msgtyp, Duration timeout) throws InterruptedException {
        return Optional.ofNullable(timedReceive(msgtyp, Waits.toNanos(timeout)));
    }

    private @Nullable IpcMessage timedReceive(long msgtyp, long timeoutNanos) throws InterruptedException {
        Waits.checkInterrupted();
        enter();
        try {
            MessageBuffer buffer = this.buffers.get();
            long deadline = Waits.deadline(timeoutNanos);
            // After the spin, wait in the kernel, woken by a sender, or by the watchdog at the
            // deadline, on interrupt or close.
            boolean canBlock = timeoutNanos > 0 && BlockingCallWatchdog.available();
            boolean block = false;
            long spinDeadline = 0;
            long pause = Waits.MIN_BACKOFF_NANOS;
            while (true) {
                long length;
                if (block) {
                    BlockingCallWatchdog.Call call = BlockingCallWatchdog.current();
                    call.begin(this, deadline);
                    try {
                        length = CALLS.msgrcv(buffer, this.msqid, this.bufferCapacity, msgtyp, 0);
                    }
                    finally {
                        call.end();
                    }
                }
                else {
                    length = CALLS.msgrcv(buffer, this.msqid, this.bufferCapacity, msgtyp, LibSysv.IPC_NOWAIT);
                }
                if (length >= 0) {
                    byte[] payload = new byte[(int) length];
                    buffer.message().get(SysvLayout.MSGBUF_TEXT, payload);
                    return IpcMessage.withType(payload, buffer.message().getLong(0));
                }
                int errno = (int) -length;
                if (errno == Errno.E2BIG) {
                    throw new IpcMessageTooLargeException(description(), "msgrcv", errno, IpcErrors.message(description(),
                            "msgrcv", errno, "the next message is larger than " + this.bufferCapacity + " bytes ("
                                    + MsgLimits.MSGMAX + " when this queue was opened); it stays on the queue; open the "
                                    + "queue again to pick up the raised limit"));
                }
                if (errno != Errno.ENOMSG && errno != Errno.EINTR) {
                    throw SysvObjects.translate(description(), new NativeError("msgrcv", errno));
                }
                checkWaitable();
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return null;
                }
                if (canBlock) {
                    spinDeadline = Waits.spinDeadline(spinDeadline, now);
                    block = !Waits.spinning(now, spinDeadline, deadline);
                }
                else if (errno == Errno.ENOMSG) {
                    Waits.pause(pause, deadline);
                    pause = Waits.backoff(pause);
                }
            }
        }
        finally {
            exit();
        }
    }

    @Override
    public int depth() {
        return (int) Math.min(stat().getLong(SysvLayout.MSQID_DS_QNUM), Integer.MAX_VALUE);
    }

    @Override
    public int capacity() {
        return (int) Math.min(maxBytes(), Integer.MAX_VALUE);
    }

    @Override
    public int maxMessageSize() {
        return this.maxMessageSize;
    }

    @Override
    public long maxBytes() {
        return stat().getLong(SysvLayout.MSQID_DS_QBYTES);
    }

    @Override
    public long bytesWaiting() {
        return stat().getLong(SysvLayout.MSQID_DS_CBYTES);
    }

    @Override
    public void setMaxBytes(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException(description() + ": max-bytes must be at least 1: " + maxBytes);
        }
        MsgLimits.checkMaxBytes(description(), maxBytes);
        ByteBuffer ds = stat();
        ds.putLong(SysvLayout.MSQID_DS_QBYTES, maxBytes);
        set();
    }

    @Override
    public void setPermissions(int uid, int gid, int mode) {
        Permissions.checkSysvMode(mode);
        ByteBuffer ds = stat();
        SysvObjects.writePermissions(ds, uid, gid, mode);
        set();
    }

    /** {@code msgctl(IPC_STAT)} into the calling thread's scratch struct. */
    private ByteBuffer stat() {
        enter();
        try {
            NativeScratch scratch = NativeScratch.current();
            Sys.check(LibSysv.msgctl(this.msqid, LibSysv.IPC_STAT, scratch.struct()), "msgctl(IPC_STAT)");
            return scratch.structView();
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(description(), ex);
        }
        finally {
            exit();
        }
    }

    /** {@code msgctl(IPC_SET)} from the calling thread's scratch struct, as {@link #stat()} left and the caller changed it. */
    private void set() {
        enter();
        try {
            Sys.check(LibSysv.msgctl(this.msqid, LibSysv.IPC_SET, NativeScratch.current().struct()), "msgctl(IPC_SET)");
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(description(), ex);
        }
        finally {
            exit();
        }
    }

    @Override
    protected void closeHandle() {
        // A System V id is not a handle: there is nothing to release.
    }

    @Override
    protected void removeName() throws NativeError {
        try {
            Sys.check(LibSysv.msgctl(this.msqid, LibSysv.IPC_RMID, null), "msgctl(IPC_RMID)");
        }
        catch (NativeError ex) {
            throw SysvObjects.removedAsMissing(ex);
        }
    }

    @Override
    protected IpcResourceStatus inspect() throws NativeError {
        FileStatus status;
        try {
            status = status();
        }
        catch (NativeError ex) {
            IpcResourceStatus removed = SysvObjects.removed(description(), this.msqid, ex, LibSysv.msgget(this.key, 0));
            if (removed != null) {
                return removed;
            }
            throw ex;
        }
        return SysvObjects.present(description(), this.msqid, status, grantsReadWrite(status));
    }

    @Override
    protected FileStatus status() throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        Sys.check(LibSysv.msgctl(this.msqid, LibSysv.IPC_STAT, scratch.struct()), "msgctl(IPC_STAT)");
        return SysvObjects.status(scratch.structView());
    }
}
