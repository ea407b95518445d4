package dev.springipc.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import dev.springipc.core.sync.SharedRobustMutex;

/**
 * Mutual exclusion across processes: a robust, process-shared pthread mutex in a POSIX shared
 * memory object. When the holding process dies, even by SIGKILL, the next {@code lock()}
 * anywhere succeeds and {@link #previousOwnerDied()} tells the new holder that the data the
 * mutex guards may be half-updated.
 * <p>
 * Reentrant within a thread, like {@link java.util.concurrent.locks.ReentrantLock}: a thread that
 * holds it may lock it again and must unlock it as often. Only the holding thread may unlock.
 * Use platform threads: a pthread mutex belongs to the OS thread that locked it.
 * {@link #newCondition()} is not supported.
 */
public interface IpcMutex extends IpcResource, IpcWaitable, Lock {

    /** A builder for the mutex {@code name} (e.g. {@code /demo.ledger}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Whether the current hold was taken over from a process that died holding the mutex: the
     * guarded state may be inconsistent. False when the calling thread does not hold it.
     */
    boolean previousOwnerDied();

    /** How often, over the mutex's lifetime, a holder died holding it. */
    long ownerDeaths();

    /** When a holder last died holding it, as observed by the process that took over. */
    Optional<Instant> lastOwnerDeath();

    /** Whether the calling thread holds the mutex. */
    boolean isHeldByCurrentThread();

    /** Not supported: a process-shared condition cannot be made robust. */
    @Override
    default Condition newCondition() {
        throw new UnsupportedOperationException(name() + ": IpcMutex does not support conditions; use an IpcSemaphore "
                + "or an IpcBarrier to signal between processes");
    }

    /** Options for a mutex; the setters mirror the {@code ipc.mutexes.*} keys. */
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String name;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public IpcMutex open() {
            return SharedRobustMutex.open(this.name, this.mode, this.create, this.trust);
        }
    }
}
