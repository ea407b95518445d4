package dev.springipc.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import dev.springipc.core.sync.SharedSpinLock;

/**
 * A spin lock across processes: one word in shared memory, taken with compare-and-set, for
 * critical sections of a few microseconds where a system call would cost more than the wait.
 * Waiters spin briefly, then yield, then back off with short sleeps, so a long hold does not
 * burn a core.
 * <p>
 * The word records the holder's pid. A waiter that finds the holder's process gone for
 * {@link Builder#takeoverAfter(Duration)} takes the lock over and learns it from
 * {@link #previousHolderDied()}. Not reentrant: a thread that locks it twice gets an
 * {@link IllegalStateException}. {@link #newCondition()} is not supported.
 */
public interface IpcSpinLock extends IpcResource, IpcWaitable, Lock {

    /** A builder for the spin lock {@code name} (e.g. {@code /demo.hot}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether the current hold was taken over from a process that died holding the lock. */
    boolean previousHolderDied();

    /** How often, over the lock's lifetime, it was taken over from a dead holder. */
    long takeovers();

    /** The pid of the process holding the lock now, or 0 if it is free (a snapshot). */
    int holderPid();

    /** Not supported: a spin lock has no wait queue to build conditions on. */
    @Override
    default Condition newCondition() {
        throw new UnsupportedOperationException(name() + ": IpcSpinLock does not support conditions");
    }

    /** Options for a spin lock; the setters mirror the {@code ipc.spin-locks.*} keys. */
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String name;

        private Duration takeoverAfter = Duration.ofSeconds(1);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** How long a holder's process must be seen dead before a waiter takes over; default 1 s. */
        public Builder takeoverAfter(Duration takeoverAfter) {
            if (takeoverAfter.isNegative()) {
                throw new IllegalArgumentException("takeoverAfter must not be negative: " + takeoverAfter);
            }
            this.takeoverAfter = takeoverAfter;
            return this;
        }

        public IpcSpinLock open() {
            return SharedSpinLock.open(this.name, this.mode, this.create, this.takeoverAfter, this.trust);
        }
    }
}
