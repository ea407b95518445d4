package dev.springipc.core.posix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One aligned 64-bit word of a shared mapping, read and changed atomically across processes.
 * Every operation is a volatile (sequentially consistent) one: on x86-64 the read-modify-writes
 * are {@code lock cmpxchg}/{@code lock xadd}, at least as strong as the acquire/release that
 * glibc's C side uses on the same word, so Java and C callers mix freely.
 * <p>
 * The only place this package touches mapped memory through a VarHandle; meant to move into
 * core.support's shared-memory vocabulary.
 */
final class MappedLong {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

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
        return (long) LONGS.getVolatile(this.buffer, this.offset);
    }

    /** Sets {@code next} if the word holds {@code expected}; returns what it held (the witness). */
    long compareAndExchange(long expected, long next) {
        return (long) LONGS.compareAndExchange(this.buffer, this.offset, expected, next);
    }

    /** Adds {@code delta}; returns the value before. */
    long getAndAdd(long delta) {
        return (long) LONGS.getAndAdd(this.buffer, this.offset, delta);
    }
}
