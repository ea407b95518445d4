package dev.springipc.core.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.springipc.core.IpcWaitStatistics;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.WaitStatistics;
import dev.springipc.core.support.Waits;

/**
 * The {@link Lock} methods every shared-memory lock derives from one timed acquisition, so that
 * the mutex and the spin lock differ only in how they take the lock.
 */
abstract class AbstractSharedLock extends AbstractMappedResource implements Lock {

    private final WaitStatistics waits = new WaitStatistics();

    AbstractSharedLock(String kind, String name, SharedMapping mapping) {
        super(kind, name, mapping);
    }

    /** The waits of {@code lock()} and the timed {@code tryLock}: what {@code IpcWaitable} reports. */
    public final IpcWaitStatistics waitStatistics() {
        return this.waits;
    }

    /** {@link #acquire}, timed as a wait unless {@link #tryLock()} takes the lock at once. */
    private boolean acquireCounted(long timeoutNanos, boolean interruptible) throws InterruptedException {
        if (tryLock()) {
            return true;
        }
        long start = System.nanoTime();
        try {
            return acquire(timeoutNanos, interruptible);
        }
        finally {
            this.waits.record(start);
        }
    }

    /**
     * Takes the lock, waiting at most {@code timeoutNanos}.
     * @param interruptible whether an interrupt ends the wait; if not, the interrupt stays pending
     */
    abstract boolean acquire(long timeoutNanos, boolean interruptible) throws InterruptedException;

    @Override
    public final void lock() {
        try {
            acquireCounted(Waits.FOREVER, false);
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException("Unreachable: an uninterruptible wait was interrupted", ex);
        }
    }

    @Override
    public final void lockInterruptibly() throws InterruptedException {
        Waits.checkInterrupted();
        acquireCounted(Waits.FOREVER, true);
    }

    @Override
    public final boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Waits.checkInterrupted();
        return acquireCounted(unit.toNanos(time), true);
    }
}
