package dev.springipc.core.support;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcResourceStatus.State;
import dev.springipc.core.Permissions;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.NativeError;

/**
 * The lifecycle every kind shares: name, ownership, idempotent close and unlink, permissions from
 * the kernel, and a guard that keeps the native handle alive while a call is inside it. Without
 * the guard, closing a semaphore while another thread waits on it would unmap memory under
 * that thread.
 */
public abstract class AbstractIpcResource implements IpcResource {

    private static final long CLOSE_POLL_NANOS = 1_000_000L;

    // faccessat(2): the current directory, effective ids, read and write.
    private static final int AT_FDCWD = -100;

    private static final int AT_EACCESS = 0x200;

    private static final int R_OK = 4;

    private static final int W_OK = 2;

    private final String kind;

    private final String name;

    /** "kind name", made once: hot paths hand it to checks that name the resource only on failure. */
    private final String description;

    private final boolean owned;

    private final AtomicBoolean closed = new AtomicBoolean();

    private final AtomicInteger callsInFlight = new AtomicInteger();

    protected AbstractIpcResource(String kind, String name, boolean owned) {
        this.kind = kind;
        this.name = name;
        this.description = kind + " " + name;
        this.owned = owned;
    }

    @Override
    public final String name() {
        return this.name;
    }

    @Override
    public final boolean isOwned() {
        return this.owned;
    }

    @Override
    public final boolean isOpen() {
        return !this.closed.get();
    }

    /** What the resource is, e.g. {@code POSIX semaphore}. */
    protected final String kind() {
        return this.kind;
    }

    /** The resource as messages name it, e.g. {@code POSIX semaphore /demo.jobs}. */
    public final String description() {
        return this.description;
    }

    @Override
    public final Permissions permissions() {
        try {
            FileStatus status = status();
            return new Permissions(status.uid(), status.gid(), status.mode());
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(description(), ex);
        }
    }

    @Override
    public final IpcResourceStatus check() {
        if (!isOpen()) {
            return new IpcResourceStatus(State.CLOSED, "closed: " + description() + " was closed by this process");
        }
        try {
            return inspect();
        }
        catch (NativeError ex) {
            State state = (ex.errno() == Errno.EACCES || ex.errno() == Errno.EPERM) ? State.INACCESSIBLE
                    : State.VANISHED;
            return new IpcResourceStatus(state, state.name().toLowerCase(Locale.ROOT) + ": "
                    + description() + ": " + ex.call() + " failed with " + Errno.name(ex.errno()));
        }
    }

    /**
     * What {@link #check()} does for an open handle: compare the handle with what its name holds
     * now, and check access. Must not block, wait on a lock, or allocate more than a call buffer.
     */
    protected abstract IpcResourceStatus inspect() throws NativeError;

    /**
     * The usual inspection of an object with a path: {@code path} must still exist, be the
     * object with {@code inode} (the handle's), and be readable and writable with this
     * process's effective ids and groups ({@code faccessat(AT_EACCESS)}).
     */
    protected final IpcResourceStatus inspectPath(String path, long inode) throws NativeError {
        FileStatus now;
        try {
            now = FileStatus.ofPath(path);
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.ENOENT) {
                return new IpcResourceStatus(State.VANISHED, "vanished: " + path + " no longer exists");
            }
            throw ex;
        }
        if (now.inode() != inode) {
            return new IpcResourceStatus(State.REPLACED, "replaced: " + path + " is another object now (inode "
                    + now.inode() + ", this handle opened inode " + inode + ")");
        }
        if (LibC.faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0) {
            return new IpcResourceStatus(State.INACCESSIBLE, "inaccessible: " + path + " (mode "
                    + Permissions.formatMode(now.mode()) + ", uid " + now.uid() + ", gid " + now.gid()
                    + ") is no longer readable and writable by this process");
        }
        return IpcResourceStatus.present("present: " + path);
    }

    /**
     * Access for objects without a path (POSIX queues, System V objects), from their
     * permissions as the kernel checks them: the owner bits if this process's effective uid owns
     * it, else the group bits if its effective gid is the group, else the other bits. Root may
     * do anything. Supplementary groups are not looked at, so a grant through one is reported
     * only if the other bits allow it too.
     */
    protected static boolean grantsReadWrite(FileStatus status) {
        int euid = LibC.geteuid();
        if (euid == 0) {
            return true;
        }
        int mode = status.mode();
        if (status.uid() == euid) {
            return ((mode >> 6) & 06) == 06;
        }
        if (status.gid() == LibC.getegid()) {
            return ((mode >> 3) & 06) == 06;
        }
        // A supplementary group of this process may be the object's group: give it the benefit of the doubt.
        return (mode & 06) == 06 || ((mode >> 3) & 06) == 06;
    }

    @Override
    public final void unlink() {
        try {
            Opener.removeIfPresent(this::removeName);
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(description(), ex);
        }
    }

    @Override
    public final void close() {
        if (!this.closed.compareAndSet(false, true)) {
            return;
        }
        // Calls in flight leave within one wait slice: they see the closed flag.
        while (this.callsInFlight.get() > 0) {
            LockSupport.parkNanos(CLOSE_POLL_NANOS);
        }
        try {
            closeHandle();
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(description(), ex);
        }
    }

    /**
     * Undoes a half-finished open: closes the handle and, if this process created the object,
     * removes it, so that a failed open leaves nothing behind. Errors here are secondary and
     * are attached to {@code cause}.
     */
    public final void discard(Throwable cause) {
        try {
            close();
        }
        catch (RuntimeException ex) {
            cause.addSuppressed(ex);
        }
        if (this.owned) {
            try {
                unlink();
            }
            catch (RuntimeException ex) {
                cause.addSuppressed(ex);
            }
        }
    }

    /** Marks a native call as started; throws if the resource is closed. Pair with {@link #exit()}. */
    protected final void enter() {
        this.callsInFlight.incrementAndGet();
        if (this.closed.get()) {
            this.callsInFlight.decrementAndGet();
            throw closedException();
        }
    }

    /** Marks a native call started by {@link #enter()} as finished. */
    protected final void exit() {
        this.callsInFlight.decrementAndGet();
    }

    /** Throws if the resource is closed: for checks outside native calls. */
    protected final void ensureOpen() {
        if (this.closed.get()) {
            throw closedException();
        }
    }

    /**
     * Throws if the calling thread was interrupted or this resource closed: checked before a
     * blocking call and between its steps, so that neither leaves a thread waiting.
     */
    protected final void checkWaitable() throws InterruptedException {
        Waits.checkInterrupted();
        ensureOpen();
    }

    /**
     * Between the slices of a timed wait: {@link #checkWaitable()}, then the length of the next
     * slice, 0 once {@code deadline} has passed.
     */
    protected final long nextWaitSlice(long deadline) throws InterruptedException {
        checkWaitable();
        return Waits.nextSlice(deadline);
    }

    protected final IpcException closedException() {
        return new IpcClosedException(description(), null, 0, description() + ": used after close(); open it again");
    }

    protected final IpcException translate(NativeError error) {
        return IpcErrors.translate(description(), error);
    }

    /** Releases the native handle; called once. */
    protected abstract void closeHandle() throws NativeError;

    /** Removes the object's name; ENOENT is handled by the caller. */
    protected abstract void removeName() throws NativeError;

    /** What the kernel says of the object now. */
    protected abstract FileStatus status() throws NativeError;

    @Override
    public String toString() {
        return description() + (this.owned ? " (owned)" : "") + (isOpen() ? "" : " (closed)");
    }
}
