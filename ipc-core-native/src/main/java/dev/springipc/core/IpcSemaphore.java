package dev.springipc.core;

import java.time.Duration;
import java.util.Objects;

import dev.springipc.core.posix.PosixSemaphore;

/**
 * A named counting semaphore shared between processes ({@code sem_open}). A binary semaphore is
 * one created with a single permit. Permits are not tied to a process: one that dies holding a
 * permit does not give it back (System V semaphores with undo do, see the design notes).
 * <p>
 * Blocking waits happen in short slices, so an interrupted thread or a {@link #close()} from
 * another thread ends a wait within about 100 ms.
 *
 * <pre>{@code
 * try (IpcSemaphore jobs = IpcSemaphore.builder("/demo.jobs").permits(4).mode(0660).open()) {
 *     jobs.acquire();
 *     try { work(); } finally { jobs.release(); }
 * }
 * }</pre>
 */
public interface IpcSemaphore extends IpcResource {

    /** A builder for the named semaphore {@code name} (e.g. {@code /demo.jobs}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Takes a permit, waiting as long as needed. */
    void acquire() throws InterruptedException;

    /** Takes a permit if one is free now; never waits. */
    boolean tryAcquire();

    /** Takes a permit, waiting at most {@code timeout}; returns whether one was taken. */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /** Returns a permit. */
    void release();

    /** The number of free permits now (a snapshot: other processes may change it at once). */
    int availablePermits();

    /** Options for opening a named semaphore; the setters mirror the {@code ipc.semaphores.*} keys. */
    final class Builder {

        private final String name;

        private int permits = 1;

        private int mode = Permissions.DEFAULT_MODE;

        private CreateMode create = CreateMode.OPEN_OR_CREATE;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Initial permits when this call creates the semaphore (ignored when it opens one); default 1. */
        public Builder permits(int permits) {
            if (permits < 0) {
                throw new IllegalArgumentException("permits must not be negative: " + permits);
            }
            this.permits = permits;
            return this;
        }

        /** Permission bits applied exactly, whatever the umask; default {@code 0600}. */
        public Builder mode(int mode) {
            this.mode = Permissions.checkMode(mode);
            return this;
        }

        /** What to do when the semaphore exists or is missing; default open-or-create. */
        public Builder create(CreateMode create) {
            this.create = Objects.requireNonNull(create, "create");
            return this;
        }

        public IpcSemaphore open() {
            return PosixSemaphore.open(this.name, this.permits, this.mode, this.create);
        }
    }
}
