package dev.springipc.core.posix;

import java.time.Duration;

import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcWaitStatistics;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.PosixNames;
import dev.springipc.core.support.WaitStatistics;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;

/**
 * {@link IpcSemaphore} over a glibc named semaphore, which lives in {@code /dev/shm/sem.<name>}.
 * {@code sem_open} creates or opens it; the operations then run on the Java fast path
 * ({@link GlibcSemaphoreCore}: glibc's protocol on this process's mapping of the file) where
 * {@link SemaphoreFastPath} finds it safe, else on JNA {@code sem_*}. Both interoperate with C
 * callers of {@code sem_*}.
 */
public final class PosixSemaphore extends AbstractIpcResource implements IpcSemaphore {

    static final String KIND = "POSIX semaphore";

    /** glibc caps a semaphore at SEM_VALUE_MAX = INT_MAX. */
    private static final int SEM_VALUE_MAX = Integer.MAX_VALUE;

    private final SemaphoreCore core;

    private final WaitStatistics waits = new WaitStatistics();

    /** Whether release and tryAcquire must be counted in flight (see {@link SemaphoreCore#closeFreesMemoryAtOnce}). */
    private final boolean countCalls;

    /** Inode of the file sem_open mapped, read just after the open: what check() compares the name with. */
    private final long inode;

    private PosixSemaphore(String name, SemaphoreCore core, boolean owned, long inode) {
        super(KIND, name, owned);
        this.core = core;
        this.inode = inode;
        this.countCalls = core.closeFreesMemoryAtOnce();
    }

    public static PosixSemaphore open(String name, int permits, int mode, CreateMode create) {
        return open(name, permits, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static PosixSemaphore open(String name, int permits, int mode, CreateMode create, IpcTrust trust) {
        return open(name, permits, mode, create, SemaphoreFastPath.enabledByProperty(), trust);
    }

    /** Opens with the fast path allowed or not: tests use this to run every behaviour on both paths. */
    static PosixSemaphore open(String name, int permits, int mode, CreateMode create, boolean allowFastPath) {
        return open(name, permits, mode, create, allowFastPath, IpcTrust.OWNER_ONLY);
    }

    static PosixSemaphore open(String name, int permits, int mode, CreateMode create, boolean allowFastPath,
            IpcTrust trust) {
        String resource = KIND + " " + name;
        NativePlatform.requireSupported(resource);
        PosixNames.validate(name, KIND, PosixNames.SEMAPHORE_NAME_MAX);
        try {
            Opener.Opened<Pointer> opened = Opener.open(resource, create,
                    () -> Sys.checkNotNull(LibRt.sem_open(name, Sys.O_CREAT | Sys.O_EXCL, mode, permits), "sem_open"),
                    () -> Sys.checkNotNull(LibRt.sem_open(name, 0, 0, 0), "sem_open"),
                    () -> Sys.check(LibRt.sem_unlink(name), "sem_unlink"));
            if (!opened.created()) {
                requireTrusted(resource, name, opened.handle(), mode, create, trust);
            }
            SemaphoreCore core = SemaphoreFastPath.choose(resource, name, opened.handle(), allowFastPath);
            PosixSemaphore result = new PosixSemaphore(name, core, opened.created(),
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

    /** The squatting check, before the semaphore is used; glibc's file is regular, in /dev/shm. */
    private static void requireTrusted(String resource, String name, Pointer handle, int mode, CreateMode create,
            IpcTrust trust) throws NativeError {
        try {
            TrustCheck.require(resource, trust, create, false, mode, FileStatus.S_IFREG,
                    TrustCheck.Found.file(FileStatus.ofPath(semaphorePath(name)), "rm " + semaphorePath(name)));
        }
        catch (RuntimeException | NativeError ex) {
            LibRt.sem_close(handle);
            throw ex;
        }
    }

    private static String semaphorePath(String name) {
        return "/dev/shm/sem." + name.substring(1);
    }

    /** Which implementation runs this semaphore's operations, for diagnostics and tests. */
    String implementation() {
        return this.core.implementation();
    }

    /** The core, for tests that drive single wait slices. */
    SemaphoreCore core() {
        return this.core;
    }

    @Override
    public IpcWaitStatistics waitStatistics() {
        return this.waits;
    }

    @Override
    public void acquire() throws InterruptedException {
        tryAcquireNanos(Waits.FOREVER);
    }

    @Override
    public boolean tryAcquire() {
        enterFast();
        try {
            return this.core.tryAcquire();
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exitFast();
        }
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return tryAcquireNanos(Waits.toNanos(timeout));
    }

    private boolean tryAcquireNanos(long timeoutNanos) throws InterruptedException {
        Waits.checkInterrupted();
        // A wait is always counted in flight, so close() returns only after the waiter left.
        enter();
        try {
            // A free permit is taken in user space: no system call.
            if (this.core.tryAcquire()) {
                return true;
            }
            if (timeoutNanos <= 0) {
                return false;
            }
            long start = System.nanoTime();
            try {
                long deadline = Waits.deadline(timeoutNanos);
                NativeScratch scratch = NativeScratch.current();
                for (long slice = Waits.nextSlice(deadline); slice > 0; slice = Waits.nextSlice(deadline)) {
                    if (this.core.awaitSlice(slice, scratch)) {
                        return true;
                    }
                    checkWaitable();
                }
                return false;
            }
            finally {
                this.waits.record(start);
            }
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    @Override
    public void release() {
        enterFast();
        try {
            this.core.release();
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.EOVERFLOW) {
                throw new IllegalStateException(description() + ": release() would exceed SEM_VALUE_MAX ("
                        + SEM_VALUE_MAX + "); more permits were released than acquired");
            }
            throw translate(ex);
        }
        finally {
            exitFast();
        }
    }

    @Override
    public int availablePermits() {
        enterFast();
        try {
            // Linux reports 0, never a negative waiter count, when permits are exhausted.
            return Math.max(0, this.core.value());
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exitFast();
        }
    }

    /**
     * Enters a call that does not wait. The fast path only checks the closed flag: its memory
     * stays mapped while this object is reachable, and counting in and out would cost two atomic
     * instructions, more than the operation itself.
     */
    private void enterFast() {
        if (this.countCalls) {
            enter();
        }
        else {
            ensureOpen();
        }
    }

    private void exitFast() {
        if (this.countCalls) {
            exit();
        }
    }

    @Override
    protected void closeHandle() throws NativeError {
        this.core.close();
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
