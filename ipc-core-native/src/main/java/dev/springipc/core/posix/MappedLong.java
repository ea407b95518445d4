package dev.springipc.core.posix;

import java.nio.ByteBuffer;

import dev.springipc.core.support.SharedMemory;

/**
 * One aligned 64-bit word of a shared mapping, read and changed atomically across processes.
 * Every operation is a volatile (sequentially consistent) one: on x86-64 the read-modify-writes
 * are {@code lock cmpxchg}/{@code lock xadd}, at least as strong as the acquire/release that
 * glibc's C side uses on the same word, so Java and C callers mix freely.
 * <p>
 * Goes through core.support's {@link SharedMemory}, like every other kind.
 */
final class MappedLong {

    private final ByteBuffer buffer;

    private final int offset;

    MappedLong(ByteBuffer buffer, int offset) {
        if (offset % Long.BYTES != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not 8-byte aligned");
        }
        this.buffer = buffer;
        this.offset = offset;
    }

    long get() {
        return SharedMemory.getLongVolatile(this.buffer, this.offset);
    }

    /** Sets {@code next} if the word holds {@code expected}; returns what it held (the witness). */
    long compareAndExchange(long expected, long next) {
        return SharedMemory.compareAndExchangeLong(this.buffer, this.offset, expected, next);
    }

    /** Adds {@code delta}; returns the value before. */
    long getAndAdd(long delta) {
        return SharedMemory.getAndAddLong(this.buffer, this.offset, delta);
    }
}
