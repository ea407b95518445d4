package dev.springipc.core.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.Timespec;

/**
 * glibc's own {@code sem_*} functions through JNA: the reference implementation, and the
 * fallback wherever the fast path's checks fail.
 */
final class JnaSemaphoreCore implements SemaphoreCore {

    static final String IMPLEMENTATION = "JNA sem_*";

    private final Pointer semaphore;

    JnaSemaphoreCore(Pointer semaphore) {
        this.semaphore = semaphore;
    }

    @Override
    public boolean tryAcquire() throws NativeError {
        if (LibRt.sem_trywait(this.semaphore) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
            throw new NativeError("sem_trywait", errno);
        }
        return false;
    }

    @Override
    public boolean awaitSlice(long nanos, NativeScratch scratch) throws NativeError {
        Timespec.realtimeDeadline(scratch.timespecView(), nanos);
        if (LibRt.sem_timedwait(this.semaphore, scratch.timespec()) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno != Errno.ETIMEDOUT && errno != Errno.EINTR) {
            throw new NativeError("sem_timedwait", errno);
        }
        return false;
    }

    @Override
    public void release() throws NativeError {
        Sys.check(LibRt.sem_post(this.semaphore), "sem_post");
    }

    @Override
    public int value() throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        Sys.check(LibRt.sem_getvalue(this.semaphore, scratch.intOut()), "sem_getvalue");
        return scratch.intOutView().getInt(0);
    }

    /** sem_close unmaps glibc's mapping at once. */
    @Override
    public boolean closeFreesMemoryAtOnce() {
        return true;
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }

    @Override
    public void close() throws NativeError {
        Sys.check(LibRt.sem_close(this.semaphore), "sem_close");
    }
}
