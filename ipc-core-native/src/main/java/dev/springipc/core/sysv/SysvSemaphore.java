package dev.springipc.core.sysv;

import java.nio.ByteBuffer;
import java.time.Duration;

import com.sun.jna.Native;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcWaitStatistics;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.SysvKey;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.WaitStatistics;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibSysv;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.SysvLayout;
import dev.springipc.core.sys.Timespec;

/**
 * {@link IpcSemaphore} over a System V semaphore set of one semaphore.
 * <p>
 * <b>The init race.</b> {@code semget(IPC_CREAT)} creates a semaphore with value 0 and sets its
 * value only in a second call, {@code semctl(SETVAL)}: an opener in between would see 0 and
 * block. So the creator creates exclusively, sets the value, and then performs one semop that
 * leaves the value unchanged but stamps {@code sem_otime}; openers wait until
 * {@code sem_otime != 0} (Stevens, UNP vol. 2, §11.2). An opener that waits
 * {@link #INIT_WAIT} in vain fails with the fix rather than use a semaphore that may be
 * uninitialised.
 * <p>
 * <b>Undo.</b> With undo, acquire and release pass {@code SEM_UNDO}: the kernel keeps a per-process
 * adjustment and applies it when the process exits, so permits held by a killed process return.
 */
public final class SysvSemaphore extends AbstractIpcResource implements IpcSemaphore {

    static final String KIND = "System V semaphore";

    /** SEMVMX: the largest value a System V semaphore holds. */
    public static final int MAX_PERMITS = LibSysv.SEMVMX;

    /** How long an opener waits for the creator to initialise the semaphore. */
    static final Duration INIT_WAIT = Duration.ofSeconds(2);

    private final int key;

    private final int semid;

    private final short undoFlag;

    private final WaitStatistics waits = new WaitStatistics();

    private SysvSemaphore(int key, int semid, boolean owned, boolean undo) {
        super(KIND, SysvObjects.name(key), owned);
        this.key = key;
        this.semid = semid;
        this.undoFlag = undo ? (short) LibSysv.SEM_UNDO : 0;
    }

    public static SysvSemaphore open(int key, int permits, int mode, CreateMode create, boolean undo) {
        return open(key, permits, mode, create, undo, IpcTrust.OWNER_ONLY);
    }

    public static SysvSemaphore open(int key, int permits, int mode, CreateMode create, boolean undo,
            IpcTrust trust) {
        String resource = KIND + " " + SysvObjects.name(key);
        NativePlatform.requireSupported(resource);
        SysvObjects.checkKey(resource, key);
        Opener.Opened<Integer> opened;
        try {
            opened = Opener.open(resource, create,
                    () -> Sys.check(LibSysv.semget(key, 1, LibSysv.IPC_CREAT | LibSysv.IPC_EXCL | mode), "semget"),
                    () -> Sys.check(LibSysv.semget(key, 0, 0), "semget"),
                    () -> removeByKey(key));
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(resource, ex);
        }
        SysvSemaphore semaphore = new SysvSemaphore(key, opened.handle(), opened.created(), undo);
        try {
            if (!opened.created() && trust.appliesTo(create)) {
                semaphore.requireTrusted(resource, mode, create, trust);
            }
            if (opened.created()) {
                semaphore.initialise(permits);
            }
            else {
                semaphore.awaitInitialised();
            }
        }
        catch (RuntimeException ex) {
            semaphore.discard(ex);
            throw ex;
        }
        return semaphore;
    }

    private void requireTrusted(String resource, int mode, CreateMode create, IpcTrust trust) {
        NativeScratch scratch = NativeScratch.current();
        try {
            Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.IPC_STAT, scratch.struct()), "semctl(IPC_STAT)");
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(resource, ex);
        }
        TrustCheck.require(resource, trust, create, false, mode, TrustCheck.ANY_TYPE,
                SysvObjects.found(scratch.structView(), "ipcrm -S " + SysvKey.format(this.key)));
    }

    private static void removeByKey(int key) throws NativeError {
        int semid = Sys.check(LibSysv.semget(key, 0, 0), "semget");
        try {
            Sys.check(LibSysv.semctl(semid, 0, LibSysv.IPC_RMID, 0), "semctl(IPC_RMID)");
        }
        catch (NativeError ex) {
            throw SysvObjects.removedAsMissing(ex);
        }
    }

    /** Sets the value, then stamps sem_otime with a net-zero semop: the signal that openers wait for. */
    private void initialise(int permits) {
        try {
            Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.SETVAL, permits), "semctl(SETVAL)");
            NativeScratch scratch = NativeScratch.current();
            ByteBuffer ops = scratch.structView();
            // +1 then -1 never blocks, except at SEMVMX, where -1 then +1 does not either.
            short first = (permits < MAX_PERMITS) ? (short) 1 : (short) -1;
            putOp(ops, 0, first, (short) LibSysv.IPC_NOWAIT);
            putOp(ops, SysvLayout.SEMBUF_SIZE, (short) -first, (short) LibSysv.IPC_NOWAIT);
            Sys.check(LibSysv.semop(this.semid, scratch.struct(), 2), "semop");
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(description(), ex);
        }
    }

    private void awaitInitialised() {
        long deadline = Waits.deadline(INIT_WAIT.toNanos());
        long pause = Waits.MIN_BACKOFF_NANOS;
        NativeScratch scratch = NativeScratch.current();
        try {
            while (true) {
                Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.IPC_STAT, scratch.struct()), "semctl(IPC_STAT)");
                if (scratch.structView().getLong(SysvLayout.SEMID_DS_OTIME) != 0) {
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IpcException(description(), null, 0, description()
                            + ": interrupted while waiting for its creator to initialise it");
                }
                if (!Waits.pause(pause, deadline)) {
                    throw new IpcException(description(), "semctl(IPC_STAT)", 0, description()
                            + ": not initialised within " + INIT_WAIT.toMillis() + " ms (sem_otime is still 0): "
                            + "its creator died between semget and semctl(SETVAL), or a peer created it and never "
                            + "called semop; remove it (ipcrm -S " + SysvKey.format(this.key) + ") or open it with "
                            + "create mode recreate, and have peers that create it do one semop after setting the value");
                }
                pause = Waits.backoff(pause);
            }
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(description(), ex);
        }
    }

    private static void putOp(ByteBuffer ops, int offset, short op, short flags) {
        ops.putShort(offset + SysvLayout.SEMBUF_NUM, (short) 0);
        ops.putShort(offset + SysvLayout.SEMBUF_OP, op);
        ops.putShort(offset + SysvLayout.SEMBUF_FLG, flags);
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
        enter();
        try {
            NativeScratch scratch = NativeScratch.current();
            putOp(scratch.structView(), 0, (short) -1, (short) (this.undoFlag | LibSysv.IPC_NOWAIT));
            while (true) {
                if (LibSysv.semop(this.semid, scratch.struct(), 1) == 0) {
                    return true;
                }
                int errno = Native.getLastError();
                if (errno == Errno.EAGAIN) {
                    return false;
                }
                if (errno != Errno.EINTR) {
                    throw SysvObjects.translate(description(), new NativeError("semop", errno));
                }
            }
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
            NativeScratch scratch = NativeScratch.current();
            // A free permit is taken without waiting (and without being counted as a wait).
            putOp(scratch.structView(), 0, (short) -1, (short) (this.undoFlag | LibSysv.IPC_NOWAIT));
            if (LibSysv.semop(this.semid, scratch.struct(), 1) == 0) {
                return true;
            }
            int first = Native.getLastError();
            if (first != Errno.EAGAIN && first != Errno.EINTR) {
                throw SysvObjects.translate(description(), new NativeError("semop", first));
            }
            if (timeoutNanos <= 0) {
                return false;
            }
            putOp(scratch.structView(), 0, (short) -1, this.undoFlag);
            long start = System.nanoTime();
            try {
                long deadline = Waits.deadline(timeoutNanos);
                long slice = Waits.nextSlice(deadline);
                while (true) {
                    Timespec.relative(scratch.timespecView(), slice);
                    if (LibSysv.semtimedop(this.semid, scratch.struct(), 1, scratch.timespec()) == 0) {
                        return true;
                    }
                    int errno = Native.getLastError();
                    if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
                        throw SysvObjects.translate(description(), new NativeError("semtimedop", errno));
                    }
                    slice = nextWaitSlice(deadline);
                    if (slice == 0) {
                        return false;
                    }
                }
            }
            finally {
                this.waits.record(start);
            }
        }
        finally {
            exit();
        }
    }

    @Override
    public void release() {
        enter();
        try {
            NativeScratch scratch = NativeScratch.current();
            putOp(scratch.structView(), 0, (short) 1, (short) (this.undoFlag | LibSysv.IPC_NOWAIT));
            while (LibSysv.semop(this.semid, scratch.struct(), 1) != 0) {
                int errno = Native.getLastError();
                if (errno == Errno.ERANGE) {
                    throw new IllegalStateException(description() + ": release() would exceed SEMVMX ("
                            + MAX_PERMITS + ") or the process's undo range; more permits were released than acquired");
                }
                if (errno != Errno.EINTR) {
                    throw SysvObjects.translate(description(), new NativeError("semop", errno));
                }
            }
        }
        finally {
            exit();
        }
    }

    @Override
    public int availablePermits() {
        enter();
        try {
            return Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.GETVAL, 0), "semctl(GETVAL)");
        }
        catch (NativeError ex) {
            throw SysvObjects.translate(description(), ex);
        }
        finally {
            exit();
        }
    }

    /** The System V key. */
    public int key() {
        return this.key;
    }

    @Override
    protected void closeHandle() {
        // A System V id is not a handle: there is nothing to release.
    }

    @Override
    protected void removeName() throws NativeError {
        try {
            Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.IPC_RMID, 0), "semctl(IPC_RMID)");
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
            IpcResourceStatus removed = SysvObjects.removed(description(), this.semid, ex, LibSysv.semget(this.key, 0, 0));
            if (removed != null) {
                return removed;
            }
            throw ex;
        }
        return SysvObjects.present(description(), this.semid, status, grantsReadWrite(status));
    }

    @Override
    protected FileStatus status() throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        Sys.check(LibSysv.semctl(this.semid, 0, LibSysv.IPC_STAT, scratch.struct()), "semctl(IPC_STAT)");
        return SysvObjects.status(scratch.structView());
    }
}
