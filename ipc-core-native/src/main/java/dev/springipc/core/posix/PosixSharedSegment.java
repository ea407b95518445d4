package dev.springipc.core.posix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.sys.NativeError;

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

    private final boolean sizeChecked;

    private PosixSharedSegment(String name, SharedMapping mapping, boolean sizeChecked) {
        super(KIND, name, mapping);
        this.buffer = mapping.buffer();
        this.size = mapping.size();
        this.sizeChecked = sizeChecked;
    }

    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create) {
        return open(name, requestedSize, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create,
            IpcTrust trust) {
        return open(name, requestedSize, mode, create, trust, true);
    }

    /** @param sizeChecked whether each access checks the size first (see {@link IpcSharedSegment.Builder#sizeChecked}) */
    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create,
            IpcTrust trust, boolean sizeChecked) {
        return new PosixSharedSegment(name, SharedMapping.open(KIND, name, requestedSize, mode, create, trust),
                sizeChecked);
    }

    @Override
    public long size() {
        return this.size;
    }

    @Override
    public long getLong(long offset) {
        int index = longIndex(offset);
        requireSize();
        try {
            return (long) LONGS.getVolatile(this.buffer, index);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public void putLong(long offset, long value) {
        int index = longIndex(offset);
        requireSize();
        try {
            LONGS.setVolatile(this.buffer, index, value);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public boolean compareAndSetLong(long offset, long expected, long update) {
        int index = longIndex(offset);
        // Here the check is what keeps the JVM alive: a compare-and-set on a truncated page is a
        // SIGBUS no Java code can catch.
        requireSize();
        return LONGS.compareAndSet(this.buffer, index, expected, update);
    }

    @Override
    public long getAndAddLong(long offset, long delta) {
        int index = longIndex(offset);
        requireSize();
        return (long) LONGS.getAndAdd(this.buffer, index, delta);
    }

    @Override
    public void read(long offset, byte[] target, int targetOffset, int length) {
        Objects.checkFromIndexSize(targetOffset, length, target.length);
        int index = checkRange(offset, length);
        requireSize();
        try {
            this.buffer.get(index, target, targetOffset, length);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public void write(long offset, byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        int index = checkRange(offset, length);
        requireSize();
        try {
            this.buffer.put(index, source, sourceOffset, length);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    /**
     * Refuses the access if another process truncated the object, before it touches the
     * mapping: HotSpot raises the fault of a plain access asynchronously (at a later VM
     * transition, often outside this class), and that of an atomic one not at all (the JVM
     * dies), so catching is not enough. One {@code lseek} per access (see
     * {@link SharedMapping#currentSize()}); a truncation between the check and the access is
     * still possible, by a peer with write permission only.
     */
    private void requireSize() {
        if (!this.sizeChecked) {
            return;
        }
        long now;
        try {
            now = mapping().currentSize();
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        if (now < this.size) {
            throw truncated(now);
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

}
