package dev.springipc.core.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.Waits;

/**
 * The {@link Lock} methods every shared-memory lock derives from one timed acquisition, so that
 * the mutex and the spin lock differ only in how they take the lock.
 */
abstract class AbstractSharedLock extends AbstractMappedResource implements Lock {

    AbstractSharedLock(String kind, String name, SharedMapping mapping) {
        super(kind, name, mapping);
    }

    /**
     * Takes the lock, waiting at most {@code timeoutNanos}.
     * @param interruptible whether an interrupt ends the wait; if not, the interrupt stays pending
     */
    abstract boolean acquire(long timeoutNanos, boolean interruptible) throws InterruptedException;

    @Override
    public final void lock() {
        try {
            acquire(Waits.FOREVER, false);
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException("Unreachable: an uninterruptible wait was interrupted", ex);
        }
    }

    @Override
    public final void lockInterruptibly() throws InterruptedException {
        Waits.checkInterrupted();
        acquire(Waits.FOREVER, true);
    }

    @Override
    public final boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Waits.checkInterrupted();
        return acquire(unit.toNanos(time), true);
    }
}
