package dev.springipc.core;

import java.time.Duration;
import java.util.Objects;

import dev.springipc.core.posix.PosixSemaphore;
import dev.springipc.core.sysv.SysvSemaphore;

/**
 * A counting semaphore shared between processes: a POSIX named semaphore ({@code sem_open},
 * {@link #builder(String)}) or a System V semaphore ({@code semget}, {@link #sysv(int)}). A
 * binary semaphore is one created with a single permit. POSIX permits are not tied to a process:
 * one that dies holding a permit does not give it back. System V permits taken with undo (the
 * default) are: the kernel returns them when the process exits, even by SIGKILL.
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
public interface IpcSemaphore extends IpcResource, IpcWaitable {

    /** A builder for the named semaphore {@code name} (e.g. {@code /demo.jobs}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder for the System V semaphore with {@code key} (not 0, which is IPC_PRIVATE); see
     * {@link SysvKey#of(String)} to derive a key from a name.
     */
    static SysvBuilder sysv(int key) {
        return new SysvBuilder(key);
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
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String name;

        private int permits = 1;

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

        public IpcSemaphore open() {
            return PosixSemaphore.open(this.name, this.permits, this.mode, this.create, this.trust);
        }
    }

    /**
     * Options for opening a System V semaphore (a set of one, {@code semget}); the setters mirror
     * the {@code ipc.semaphores.*} keys with {@code kind: sysv}.
     */
    final class SysvBuilder extends IpcBuilderSupport<SysvBuilder> {

        private final int key;

        private int permits = 1;

        private boolean undo = true;

        private SysvBuilder(int key) {
            this.key = key;
        }

        /** Initial permits when this call creates the semaphore (ignored when it opens one); default 1, at most 32767. */
        public SysvBuilder permits(int permits) {
            if (permits < 0 || permits > SysvSemaphore.MAX_PERMITS) {
                throw new IllegalArgumentException("permits must be within 0.." + SysvSemaphore.MAX_PERMITS
                        + " (SEMVMX): " + permits);
            }
            this.permits = permits;
            return this;
        }

        /** System V modes hold permission bits only ({@code 0..0777}). */
        @Override
        int checkMode(int mode) {
            return Permissions.checkSysvMode(mode);
        }

        /**
         * Whether acquire and release use {@code SEM_UNDO} (default true): the kernel then reverts
         * this process's net effect when it exits, so permits held by a crashed process come
         * back. Turn it off for signalling, where one process only releases and another only
         * acquires: with undo, a releaser's permits would be taken back when it exits.
         */
        public SysvBuilder undo(boolean undo) {
            this.undo = undo;
            return this;
        }

        public IpcSemaphore open() {
            return SysvSemaphore.open(this.key, this.permits, this.mode, this.create, this.undo, this.trust);
        }
    }
}
