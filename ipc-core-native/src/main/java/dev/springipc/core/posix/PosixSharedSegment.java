package dev.springipc.core.posix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.SharedMapping;

/**
 * {@link IpcSharedSegment} over a {@link SharedMapping}. Typed and atomic operations go through a
 * {@link VarHandle} on the mapping's direct buffer: plain Java, no native call.
 */
public final class PosixSharedSegment extends AbstractMappedResource implements IpcSharedSegment {

    static final String KIND = "POSIX shared memory segment";

    /** A mapping is addressed through one ByteBuffer, whose index is an int. */
    public static final long MAX_SIZE = SharedMapping.MAX_SIZE;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;

    private final int size;

    private PosixSharedSegment(String name, SharedMapping mapping) {
        super(KIND, name, mapping);
        this.buffer = mapping.buffer();
        this.size = mapping.size();
    }

    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create) {
        return open(name, requestedSize, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create,
            IpcTrust trust) {
        return new PosixSharedSegment(name, SharedMapping.open(KIND, name, requestedSize, mode, create, trust));
    }

    @Override
    public long size() {
        return this.size;
    }

    @Override
    public long getLong(long offset) {
        int index = longIndex(offset);
        try {
            return (long) LONGS.getVolatile(this.buffer, index);
        }
        catch (InternalError ex) {
            throw truncated(ex);
        }
    }

    @Override
    public void putLong(long offset, long value) {
        int index = longIndex(offset);
        try {
            LONGS.setVolatile(this.buffer, index, value);
        }
        catch (InternalError ex) {
            throw truncated(ex);
        }
    }

    @Override
    public boolean compareAndSetLong(long offset, long expected, long update) {
        return LONGS.compareAndSet(this.buffer, longIndex(offset), expected, update);
    }

    @Override
    public long getAndAddLong(long offset, long delta) {
        return (long) LONGS.getAndAdd(this.buffer, longIndex(offset), delta);
    }

    @Override
    public void read(long offset, byte[] target, int targetOffset, int length) {
        Objects.checkFromIndexSize(targetOffset, length, target.length);
        int index = checkRange(offset, length);
        try {
            this.buffer.get(index, target, targetOffset, length);
        }
        catch (InternalError ex) {
            throw truncated(ex);
        }
    }

    @Override
    public void write(long offset, byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        int index = checkRange(offset, length);
        try {
            this.buffer.put(index, source, sourceOffset, length);
        }
        catch (InternalError ex) {
            throw truncated(ex);
        }
    }

    private int longIndex(long offset) {
        int index = checkRange(offset, Long.BYTES);
        if ((index & (Long.BYTES - 1)) != 0) {
            throw new IllegalArgumentException(description() + ": offset " + offset
                    + " is not 8-byte aligned; long access must be aligned to be atomic");
        }
        return index;
    }

    private int checkRange(long offset, int length) {
        ensureOpen();
        if (offset < 0 || length < 0 || offset > this.size - length) {
            throw new IndexOutOfBoundsException(description() + ": range [" + offset + ", " + offset + " + " + length
                    + ") is outside the segment's " + this.size + " bytes");
        }
        return (int) offset;
    }

    private IpcException truncated(InternalError cause) {
        return new IpcException(description(), null, 0, description() + ": the memory behind the mapping is gone; "
                + "another process truncated the segment. Reopen it, and keep its mode so that only trusted peers "
                + "can write it", cause);
    }

}
