package dev.springipc.core;

import java.util.Objects;

import dev.springipc.core.posix.PosixSharedSegment;

/**
 * A named POSIX shared memory segment ({@code shm_open} + {@code mmap}), mapped read-write.
 * <p>
 * Typed access is bounds-checked and uses the machine's native byte order, which is what a C
 * or Python peer reading the same bytes sees. Long access must be 8-byte aligned; every long
 * operation is atomic and has volatile semantics, so it is safe across processes.
 * <p>
 * A peer with write permission can shrink the object under the mapping. Every access checks the
 * object's size first (one {@code lseek}, see {@link Builder#sizeChecked(boolean)}) and fails with
 * an {@link IpcException} naming the segment if it was truncated; a truncation between that
 * check and an atomic operation still kills the JVM (SIGBUS on a truncated page cannot be
 * caught). Keep the default mode {@code 0600} unless peers are trusted.
 */
public interface IpcSharedSegment extends IpcResource {

    /** A builder for the segment {@code name} (e.g. {@code /demo.prices}). */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /** The mapped size in bytes: the requested size when created, the existing one when opened. */
    long size();

    /** Reads the long at {@code offset} (8-byte aligned), with volatile semantics. */
    long getLong(long offset);

    /** Writes the long at {@code offset} (8-byte aligned), with volatile semantics. */
    void putLong(long offset, long value);

    /** Atomically sets the long at {@code offset} to {@code update} if it equals {@code expected}. */
    boolean compareAndSetLong(long offset, long expected, long update);

    /** Atomically adds {@code delta} to the long at {@code offset}; returns the previous value. */
    long getAndAddLong(long offset, long delta);

    /** Copies {@code length} bytes at {@code offset} into {@code target} from {@code targetOffset}. */
    void read(long offset, byte[] target, int targetOffset, int length);

    /** Fills {@code target} with the bytes at {@code offset}. */
    default void read(long offset, byte[] target) {
        read(offset, target, 0, target.length);
    }

    /** Copies {@code length} bytes of {@code source} from {@code sourceOffset} to {@code offset}. */
    void write(long offset, byte[] source, int sourceOffset, int length);

    /** Copies all of {@code source} to {@code offset}. */
    default void write(long offset, byte[] source) {
        write(offset, source, 0, source.length);
    }

    /** Options for opening a segment; the setters mirror the {@code ipc.segments.*} keys. */
    final class Builder extends IpcBuilderSupport<Builder> {

        private final String name;

        private long size;

        private boolean sizeChecked = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Size in bytes; needed to create. When opening an existing segment, 0 (the default)
         * takes its size; a positive size must not exceed it.
         */
        public Builder size(long bytes) {
            if (bytes < 0 || bytes > PosixSharedSegment.MAX_SIZE) {
                throw new IllegalArgumentException("size must be between 0 and " + PosixSharedSegment.MAX_SIZE
                        + " bytes: " + bytes);
            }
            this.size = bytes;
            return this;
        }

        /**
         * Whether every access first checks that no other process truncated the object (default
         * {@code true}): one {@code lseek} system call, about 450 ns on the project machine
         * against 6 ns for a 64-byte read. Turn it off only for a segment no untrusted process
         * can write; a truncation then surfaces as a {@link java.lang.InternalError} at some
         * later point of the accessing thread, or kills the JVM on an atomic operation.
         */
        public Builder sizeChecked(boolean checked) {
            this.sizeChecked = checked;
            return this;
        }

        public IpcSharedSegment open() {
            return PosixSharedSegment.open(this.name, this.size, this.mode, this.create, this.trust,
                    this.sizeChecked);
        }
    }
}
