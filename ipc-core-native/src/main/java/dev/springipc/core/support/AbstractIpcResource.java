package dev.springipc.core.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcResource;
import dev.springipc.core.Permissions;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;

/**
 * The lifecycle every kind shares: name, ownership, idempotent close and unlink, permissions from
 * the kernel, and a guard that keeps the native handle alive while a call is inside it. Without
 * the guard, closing a semaphore while another thread waits on it would unmap memory under
 * that thread.
 */
public abstract class AbstractIpcResource implements IpcResource {

    private static final long CLOSE_POLL_NANOS = 1_000_000L;

    private final String kind;

    private final String name;

    private final boolean owned;

    private final AtomicBoolean closed = new AtomicBoolean();

    private final AtomicInteger callsInFlight = new AtomicInteger();

    protected AbstractIpcResource(String kind, String name, boolean owned) {
        this.kind = kind;
        this.name = name;
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
        return this.kind + " " + this.name;
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
