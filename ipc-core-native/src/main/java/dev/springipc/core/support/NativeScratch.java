package dev.springipc.core.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;

import dev.springipc.core.sys.Timespec;

/**
 * Per-thread native memory for the small parameters of native calls (a timespec, an int out
 * parameter, a small struct), each with a direct buffer view for writing and reading it from
 * Java without a native call. A thread allocates it once; calls after that allocate nothing.
 */
public final class NativeScratch {

    /**
     * Bytes of the general-purpose struct area, enough for {@code struct mq_attr} (64),
     * {@code struct semid_ds} (104) and {@code struct msqid_ds} (120).
     */
    public static final int STRUCT_SIZE = 128;

    private static final ThreadLocal<NativeScratch> SCRATCH = ThreadLocal.withInitial(NativeScratch::new);

    private final Memory timespec = new Memory(Timespec.SIZE);

    private final ByteBuffer timespecView = view(this.timespec);

    private final Memory intOut = new Memory(8);

    private final ByteBuffer intOutView = view(this.intOut);

    private final Memory struct = new Memory(STRUCT_SIZE);

    private final ByteBuffer structView = view(this.struct);

    private NativeScratch() {
    }

    /** The calling thread's scratch memory. */
    public static NativeScratch current() {
        return SCRATCH.get();
    }

    /** A native-order direct buffer over all of {@code memory}. */
    public static ByteBuffer view(Memory memory) {
        return memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
    }

    public Memory timespec() {
        return this.timespec;
    }

    public ByteBuffer timespecView() {
        return this.timespecView;
    }

    public Memory intOut() {
        return this.intOut;
    }

    public ByteBuffer intOutView() {
        return this.intOutView;
    }

    public Memory struct() {
        return this.struct;
    }

    public ByteBuffer structView() {
        return this.structView;
    }
}
