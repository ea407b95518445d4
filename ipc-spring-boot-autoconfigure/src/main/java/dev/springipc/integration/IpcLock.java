package dev.springipc.integration;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import dev.springipc.core.IpcMutex;

/**
 * One lock of an {@link IpcLockRegistry}: a local {@link ReentrantLock} for the threads of this
 * JVM, then the {@link IpcMutex} for other processes. Threads of one JVM queue on the local lock,
 * so at most one of them waits on the mutex, and the local lock answers "is it in use here" for
 * expiry. Reentrant like both of its parts. A process that dies holding it releases it to the
 * next holder, which {@link #previousOwnerDied()} tells.
 */
public final class IpcLock implements Lock {

    private final String key;

    private final ReentrantLock local = new ReentrantLock();

    private final IpcMutex mutex;

    private volatile long lastUsedNanos = System.nanoTime();

    IpcLock(String key, IpcMutex mutex) {
        this.key = key;
        this.mutex = mutex;
    }

    /** The lock key it was obtained with. */
    public String key() {
        return this.key;
    }

    /** The IPC mutex behind it, e.g. for its OS name. */
    public IpcMutex mutex() {
        return this.mutex;
    }

    @Override
    public void lock() {
        this.local.lock();
        try {
            this.mutex.lock();
        }
        catch (RuntimeException ex) {
            this.local.unlock();
            throw ex;
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        this.local.lockInterruptibly();
        try {
            this.mutex.lockInterruptibly();
        }
        catch (InterruptedException | RuntimeException ex) {
            this.local.unlock();
            throw ex;
        }
    }

    @Override
    public boolean tryLock() {
        if (!this.local.tryLock()) {
            return false;
        }
        boolean acquired = false;
        try {
            acquired = this.mutex.tryLock();
            return acquired;
        }
        finally {
            if (!acquired) {
                this.local.unlock();
            }
        }
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(time);
        if (!this.local.tryLock(time, unit)) {
            return false;
        }
        boolean acquired = false;
        try {
            acquired = this.mutex.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return acquired;
        }
        finally {
            if (!acquired) {
                this.local.unlock();
            }
        }
    }

    @Override
    public void unlock() {
        if (!this.local.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("IPC lock '" + this.key + "' (" + this.mutex.name()
                    + "): unlock() by a thread that does not hold it; unlock in the thread that locked");
        }
        try {
            this.mutex.unlock();
        }
        finally {
            this.lastUsedNanos = System.nanoTime();
            this.local.unlock();
        }
    }

    /**
     * Whether the current hold was taken over from a process that died holding it: what the lock
     * guards may be half-updated.
     */
    public boolean previousOwnerDied() {
        return this.mutex.previousOwnerDied();
    }

    /** Whether the calling thread holds it. */
    public boolean isHeldByCurrentThread() {
        return this.local.isHeldByCurrentThread();
    }

    /** Not supported: a process-shared condition cannot be made robust. */
    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("IPC lock '" + this.key + "' does not support conditions");
    }

    /** Whether no thread of this JVM holds it or waits for it, and none used it for {@code ageNanos}. */
    boolean unusedFor(long ageNanos) {
        return !this.local.isLocked() && !this.local.hasQueuedThreads()
                && System.nanoTime() - this.lastUsedNanos > ageNanos;
    }

    @Override
    public String toString() {
        return "IpcLock[" + this.key + " -> " + this.mutex.name() + "]";
    }
}
