package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.NativeError;

/**
 * How a queue handle writes records into its ring: {@link SharedProducer} for a ring of many
 * producers, {@link SoleProducer} for the one producer of a single-producer ring. Either writes
 * past the tail, where the length word of the next record is zero, so a record stays invisible
 * until the release store of its length commits it.
 */
abstract sealed class RingProducer permits SharedProducer, SoleProducer {

    final RingArea ring;

    // Copies of the ring's, one load away on the hot path instead of two (RingArea's).

    final ByteBuffer buffer;

    final int capacity;

    final int mask;

    RingProducer(RingArea ring) {
        this.ring = ring;
        this.buffer = ring.buffer;
        this.capacity = ring.capacity;
        this.mask = ring.mask;
    }

    /** Whether a consumer sleeps (or is about to), so that a producer must wake it. */
    final boolean hasWaiters() {
        return SharedMemory.getIntVolatile(this.buffer, RingDescriptor.WAITERS_OFFSET) > 0;
    }

    /**
     * Writes and commits one record, and wakes sleeping consumers if there are any; false if the
     * ring has no room now. Allocates nothing.
     */
    abstract boolean offer(byte[] payload, int tag) throws NativeError;

    /** Gives up what this handle holds in the ring for producing, on close. */
    void release() {
    }

    /**
     * The padding a record of {@code required} bytes at {@code tail} needs to start at index 0
     * (0 if it fits before the end of the area), or -1 if the record and {@code trailer} bytes
     * after it do not fit below {@code bound + capacity}, where the space producers may write ends.
     */
    final int paddingFor(long tail, long bound, int required, int trailer) {
        int capacity = this.capacity;
        int needed = required + trailer;
        if (needed > capacity - (int) (tail - bound)) {
            return -1;
        }
        int toEnd = capacity - ((int) tail & this.mask);
        if (required <= toEnd) {
            return 0;
        }
        // Pad to the end and start again at index 0, which must be free up to the trailer's end.
        return (needed > ((int) bound & this.mask)) ? -1 : toEnd;
    }

    /**
     * Commits a padding record of {@code padding} bytes at buffer offset {@code at}: consumers
     * skip it and go on at index 0.
     */
    final void putPadding(int at, int padding) {
        ByteBuffer area = this.buffer;
        area.putInt(at + RecordDescriptor.TYPE_OFFSET, RecordDescriptor.PADDING_TYPE);
        SharedMemory.putIntRelease(area, at + RecordDescriptor.LENGTH_OFFSET, padding);
    }

    /** Writes a record's type and payload at buffer offset {@code at}, not its length. */
    final void putBody(int at, byte[] payload, int tag) {
        ByteBuffer area = this.buffer;
        area.putInt(at + RecordDescriptor.TYPE_OFFSET, tag);
        area.put(at + RecordDescriptor.HEADER_LENGTH, payload);
    }

    /** Release: a consumer that sees the length sees everything written before it. */
    final void commit(int at, int recordLength) {
        SharedMemory.putIntRelease(this.buffer, at + RecordDescriptor.LENGTH_OFFSET, recordLength);
    }
}
