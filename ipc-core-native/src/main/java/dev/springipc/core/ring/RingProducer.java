package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.NativeError;

/**
 * How a queue handle writes records into its ring: {@link SharedProducer} for a ring of many
 * producers, {@link SoleProducer} for the one producer of a single-producer ring. Either writes
 * past the tail, where the length word of the next record is zero, so a record stays invisible
 * until the release store of its header (length and type) commits it.
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
        SharedMemory.putLongRelease(this.buffer, at, RecordDescriptor.header(padding, RecordDescriptor.PADDING_TYPE));
    }

    /** Writes a record's payload after its header at buffer offset {@code at}. */
    final void putPayload(int at, byte[] payload) {
        this.buffer.put(at + RecordDescriptor.HEADER_LENGTH, payload);
    }

    /**
     * Writes the header of the record at buffer offset {@code at}, its length and type in one
     * release store: a consumer that sees the length sees the type and the payload written before.
     */
    final void commit(int at, int recordLength, int tag) {
        SharedMemory.putLongRelease(this.buffer, at, RecordDescriptor.header(recordLength, tag));
    }
}
