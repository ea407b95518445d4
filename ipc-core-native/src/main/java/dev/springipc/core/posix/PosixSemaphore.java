package dev.springipc.core.posix;

import java.time.Duration;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.PosixNames;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.Timespec;

/**
 * {@link IpcSemaphore} over a glibc named semaphore, which lives in {@code /dev/shm/sem.<name>}.
 */
public final class PosixSemaphore extends AbstractIpcResource implements IpcSemaphore {

    static final String KIND = "POSIX semaphore";

    /** glibc caps a semaphore at SEM_VALUE_MAX = INT_MAX. */
    private static final int SEM_VALUE_MAX = Integer.MAX_VALUE;

    private final Pointer semaphore;

    /** Inode of the file sem_open mapped, read just after the open: what check() compares the name with. */
    private final long inode;

    private PosixSemaphore(String name, Pointer semaphore, boolean owned, long inode) {
        super(KIND, name, owned);
        this.semaphore = semaphore;
        this.inode = inode;
    }

    public static PosixSemaphore open(String name, int permits, int mode, CreateMode create) {
        String resource = KIND + " " + name;
        NativePlatform.requireSupported(resource);
        PosixNames.validate(name, KIND, PosixNames.SEMAPHORE_NAME_MAX);
        try {
            Opener.Opened<Pointer> opened = Opener.open(resource, create,
                    () -> Sys.checkNotNull(LibRt.sem_open(name, Sys.O_CREAT | Sys.O_EXCL, mode, permits), "sem_open"),
                    () -> Sys.checkNotNull(LibRt.sem_open(name, 0, 0, 0), "sem_open"),
                    () -> Sys.check(LibRt.sem_unlink(name), "sem_unlink"));
            PosixSemaphore result = new PosixSemaphore(name, opened.handle(), opened.created(),
                    FileStatus.ofPath(semaphorePath(name)).inode());
            if (opened.created()) {
                // sem_open narrows the mode by the umask; a 0660 request must yield 0660.
                try {
                    Sys.check(LibC.chmod(semaphorePath(name), mode), "chmod");
                }
                catch (NativeError ex) {
                    RuntimeException failure = IpcErrors.translate(resource, ex);
                    result.discard(failure);
                    throw failure;
                }
            }
            return result;
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(resource, ex);
        }
    }

    private static String semaphorePath(String name) {
        return "/dev/shm/sem." + name.substring(1);
    }

    @Override
    public void acquire() throws InterruptedException {
        tryAcquireNanos(Waits.FOREVER);
    }

    @Override
    public boolean tryAcquire() {
        enter();
        try {
            return tryWait();
        }
        finally {
            exit();
        }
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return tryAcquireNanos(Waits.toNanos(timeout));
    }

    private boolean tryAcquireNanos(long timeoutNanos) throws InterruptedException {
        Waits.checkInterrupted();
        enter();
        try {
            // sem_trywait succeeds in user space when a permit is free: no system call.
            if (tryWait()) {
                return true;
            }
            long deadline = Waits.deadline(timeoutNanos);
            NativeScratch scratch = NativeScratch.current();
            for (long slice = Waits.nextSlice(deadline); slice > 0; slice = Waits.nextSlice(deadline)) {
                Timespec.realtimeDeadline(scratch.timespecView(), slice);
                if (LibRt.sem_timedwait(this.semaphore, scratch.timespec()) == 0) {
                    return true;
                }
                int errno = Native.getLastError();
                if (errno != Errno.ETIMEDOUT && errno != Errno.EINTR) {
                    throw translate(new NativeError("sem_timedwait", errno));
                }
                checkWaitable();
            }
            return false;
        }
        finally {
            exit();
        }
    }

    private boolean tryWait() {
        if (LibRt.sem_trywait(this.semaphore) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
            throw translate(new NativeError("sem_trywait", errno));
        }
        return false;
    }

    @Override
    public void release() {
        enter();
        try {
            Sys.check(LibRt.sem_post(this.semaphore), "sem_post");
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.EOVERFLOW) {
                throw new IllegalStateException(description() + ": release() would exceed SEM_VALUE_MAX ("
                        + SEM_VALUE_MAX + "); more permits were released than acquired");
            }
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    @Override
    public int availablePermits() {
        enter();
        try {
            NativeScratch scratch = NativeScratch.current();
            Sys.check(LibRt.sem_getvalue(this.semaphore, scratch.intOut()), "sem_getvalue");
            // Linux reports 0, never a negative waiter count, when permits are exhausted.
            return Math.max(0, scratch.intOutView().getInt(0));
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    @Override
    protected void closeHandle() throws NativeError {
        Sys.check(LibRt.sem_close(this.semaphore), "sem_close");
    }

    @Override
    protected void removeName() throws NativeError {
        Sys.check(LibRt.sem_unlink(name()), "sem_unlink");
    }

    @Override
    protected IpcResourceStatus inspect() throws NativeError {
        return inspectPath(semaphorePath(name()), this.inode);
    }

    @Override
    protected FileStatus status() throws NativeError {
        return FileStatus.ofPath(semaphorePath(name()));
    }
}
