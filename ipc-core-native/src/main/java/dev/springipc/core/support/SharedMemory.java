package dev.springipc.core.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Atomic access to the words of a shared mapping, named by the ordering each one gives, as
 * Agrona's {@code AtomicBuffer} names them: one place for the VarHandles and their casts instead
 * of a copy in each kind. Offsets are byte offsets into the mapping's buffer and must be aligned
 * to the word's size (the VarHandle throws otherwise). Every method is a static call on a
 * constant VarHandle, which the JIT inlines to a plain (or {@code lock}-prefixed) instruction.
 * <p>
 * Orderings: <em>volatile</em> loads and stores are sequentially consistent; an <em>acquire</em>
 * load keeps later accesses after it, a <em>release</em> store keeps earlier ones before it (on
 * x86-64 both are plain moves that only restrain the compiler); the read-modify-writes are
 * volatile. Mixed freely with C peers using the same words with C11 atomics.
 */
public final class SharedMemory {

    static {
        // Before any of the accessors below can be compiled: see InlinedBufferAccess.
        InlinedBufferAccess.prepare();
    }

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private SharedMemory() {
    }

    // ---- 64-bit words ----------------------------------------------------------------------

    public static long getLongVolatile(ByteBuffer mapping, int offset) {
        return (long) LONGS.getVolatile(mapping, offset);
    }

    public static long getLongAcquire(ByteBuffer mapping, int offset) {
        return (long) LONGS.getAcquire(mapping, offset);
    }

    public static void putLongVolatile(ByteBuffer mapping, int offset, long value) {
        LONGS.setVolatile(mapping, offset, value);
    }

    public static void putLongRelease(ByteBuffer mapping, int offset, long value) {
        LONGS.setRelease(mapping, offset, value);
    }

    public static boolean compareAndSetLong(ByteBuffer mapping, int offset, long expected, long value) {
        return LONGS.compareAndSet(mapping, offset, expected, value);
    }

    /** Sets {@code value} if the word holds {@code expected}; returns what it held (the witness). */
    public static long compareAndExchangeLong(ByteBuffer mapping, int offset, long expected, long value) {
        return (long) LONGS.compareAndExchange(mapping, offset, expected, value);
    }

    /** Adds {@code delta}; returns the value before. */
    public static long getAndAddLong(ByteBuffer mapping, int offset, long delta) {
        return (long) LONGS.getAndAdd(mapping, offset, delta);
    }

    // ---- 32-bit words ----------------------------------------------------------------------

    public static int getIntVolatile(ByteBuffer mapping, int offset) {
        return (int) INTS.getVolatile(mapping, offset);
    }

    public static int getIntAcquire(ByteBuffer mapping, int offset) {
        return (int) INTS.getAcquire(mapping, offset);
    }

    public static void putIntVolatile(ByteBuffer mapping, int offset, int value) {
        INTS.setVolatile(mapping, offset, value);
    }

    public static void putIntRelease(ByteBuffer mapping, int offset, int value) {
        INTS.setRelease(mapping, offset, value);
    }

    /** Adds {@code delta}; returns the value before. */
    public static int getAndAddInt(ByteBuffer mapping, int offset, int delta) {
        return (int) INTS.getAndAdd(mapping, offset, delta);
    }
}
