package dev.springipc.core.sync;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.LibPthread;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Timespec;

/**
 * A process-shared robust pthread mutex in shared memory. When its holder dies, the next locker
 * gets EOWNERDEAD, marks the mutex consistent and holds it: the lock is never left held by a
 * dead process. Waits happen in slices so interruption and close are noticed.
 */
final class RobustMutexCell {

    /** Acquired normally. */
    static final int ACQUIRED = 0;

    /** Acquired from a holder that died holding it. */
    static final int ACQUIRED_OWNER_DIED = 1;

    /** Not acquired before the deadline. */
    static final int TIMED_OUT = -1;

    private final Pointer mutex;

    private final String resource;

    RobustMutexCell(Pointer mutex, String resource) {
        this.mutex = mutex;
        this.resource = resource;
    }

    /** Initialises the mutex as process-shared and robust; only the creator calls this. */
    void initialize() throws NativeError {
        try (Memory attributes = new Memory(LibPthread.MUTEXATTR_SIZE)) {
            check(LibPthread.pthread_mutexattr_init(attributes), "pthread_mutexattr_init");
            try {
                check(LibPthread.pthread_mutexattr_setpshared(attributes, LibPthread.PROCESS_SHARED),
                        "pthread_mutexattr_setpshared");
                check(LibPthread.pthread_mutexattr_setrobust(attributes, LibPthread.MUTEX_ROBUST),
                        "pthread_mutexattr_setrobust");
                check(LibPthread.pthread_mutex_init(this.mutex, attributes), "pthread_mutex_init");
            }
            finally {
                LibPthread.pthread_mutexattr_destroy(attributes);
            }
        }
    }

    /** Takes the mutex if free now. */
    int tryLock() {
        int result = LibPthread.pthread_mutex_trylock(this.mutex);
        return (result == Errno.EBUSY) ? TIMED_OUT : acquired(result, "pthread_mutex_trylock");
    }

    /**
     * Takes the mutex, waiting until {@code deadline} ({@link System#nanoTime()} based).
     * @param interruptible whether an interrupt ends the wait with {@link InterruptedException};
     * if not, the interrupt stays pending for the caller
     * @param isOpen checked between slices; a closed resource ends the wait
     */
    int lock(long deadline, boolean interruptible, java.util.function.BooleanSupplier isOpen)
            throws InterruptedException {
        int result = tryLock();
        if (result != TIMED_OUT) {
            return result;
        }
        NativeScratch scratch = NativeScratch.current();
        ByteBuffer timespec = scratch.timespecView();
        for (long slice = Waits.nextSlice(deadline); slice > 0; slice = Waits.nextSlice(deadline)) {
            Timespec.realtimeDeadline(timespec, slice);
            int code = LibPthread.pthread_mutex_timedlock(this.mutex, scratch.timespec());
            if (code != Errno.ETIMEDOUT && code != Errno.EINTR) {
                return acquired(code, "pthread_mutex_timedlock");
            }
            if (interruptible) {
                Waits.checkInterrupted();
            }
            if (!isOpen.getAsBoolean()) {
                throw new IpcClosedException(this.resource, null, 0, this.resource
                        + ": closed while a thread waited for it");
            }
        }
        return TIMED_OUT;
    }

    void unlock() {
        int result = LibPthread.pthread_mutex_unlock(this.mutex);
        if (result != 0) {
            throw IpcErrors.translate(this.resource, new NativeError("pthread_mutex_unlock", result));
        }
    }

    private int acquired(int result, String call) {
        if (result == 0) {
            return ACQUIRED;
        }
        if (result == Errno.EOWNERDEAD) {
            // The holder died: we hold it now; make it usable again before anyone else can.
            int consistent = LibPthread.pthread_mutex_consistent(this.mutex);
            if (consistent != 0) {
                throw IpcErrors.translate(this.resource, new NativeError("pthread_mutex_consistent", consistent));
            }
            return ACQUIRED_OWNER_DIED;
        }
        if (result == Errno.ENOTRECOVERABLE) {
            throw new IpcException(this.resource, call, result, IpcErrors.message(this.resource, call, result,
                    "a holder died and the mutex was released without being made consistent; it can never be "
                            + "locked again. Remove it and create it anew (create mode recreate)"));
        }
        throw IpcErrors.translate(this.resource, new NativeError(call, result));
    }

    private static void check(int result, String call) throws NativeError {
        if (result != 0) {
            throw new NativeError(call, result);
        }
    }
}
