package dev.springipc.core.posix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.PosixNames;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;

/**
 * {@link IpcSharedSegment} over {@code shm_open}, sized with {@code ftruncate} and reserved with
 * {@code posix_fallocate} so that a full /dev/shm fails at open instead of with SIGBUS later.
 * Access goes through a direct {@link ByteBuffer} over the mapping and a {@link VarHandle}, so
 * typed and atomic operations are plain Java with no native call.
 */
public final class PosixSharedSegment extends AbstractIpcResource implements IpcSharedSegment {

    static final String KIND = "POSIX shared memory segment";

    /** A mapping is addressed through one ByteBuffer, whose index is an int. */
    public static final long MAX_SIZE = Integer.MAX_VALUE;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** How long an opener waits for a creator that has not yet sized the segment. */
    private static final long SIZE_WAIT_NANOS = 2_000_000_000L;

    private final int fd;

    private final Pointer address;

    private final ByteBuffer buffer;

    private final int size;

    private PosixSharedSegment(String name, int fd, Pointer address, int size, boolean owned) {
        super(KIND, name, owned);
        this.fd = fd;
        this.address = address;
        this.size = size;
        this.buffer = address.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    public static PosixSharedSegment open(String name, long requestedSize, int mode, CreateMode create) {
        String resource = KIND + " " + name;
        NativePlatform.requireSupported(resource);
        PosixNames.validate(name, KIND, PosixNames.NAME_MAX);
        if (requestedSize <= 0 && create != CreateMode.OPEN_ONLY) {
            throw new IllegalArgumentException(resource + ": a size is needed to create it (create mode " + create + ")");
        }
        Opener.Opened<Integer> opened;
        try {
            opened = Opener.open(resource, create,
                    () -> Sys.check(LibRt.shm_open(name, Sys.O_RDWR | Sys.O_CREAT | Sys.O_EXCL | Sys.O_CLOEXEC, mode),
                            "shm_open"),
                    () -> Sys.check(LibRt.shm_open(name, Sys.O_RDWR | Sys.O_CLOEXEC, 0), "shm_open"),
                    () -> Sys.check(LibRt.shm_unlink(name), "shm_unlink"));
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(resource, ex);
        }
        int fd = opened.handle();
        try {
            long size = opened.created() ? sizeNew(resource, fd, mode, requestedSize)
                    : sizeExisting(resource, fd, requestedSize);
            Pointer address = LibC.mmap(null, size, Sys.PROT_READ | Sys.PROT_WRITE, Sys.MAP_SHARED, fd, 0);
            if (address == null || Pointer.nativeValue(address) == -1L) {
                throw new NativeError("mmap", com.sun.jna.Native.getLastError());
            }
            return new PosixSharedSegment(name, fd, address, (int) size, opened.created());
        }
        catch (NativeError | RuntimeException ex) {
            IpcException failure = (ex instanceof NativeError nativeError) ? IpcErrors.translate(resource, nativeError)
                    : null;
            LibC.close(fd);
            if (opened.created()) {
                LibRt.shm_unlink(name);
            }
            if (failure != null) {
                throw failure;
            }
            throw (RuntimeException) ex;
        }
    }

    private static long sizeNew(String resource, int fd, int mode, long size) throws NativeError {
        // shm_open narrows the mode by the umask; a 0660 request must yield 0660.
        Sys.check(LibC.fchmod(fd, mode), "fchmod");
        Sys.check(LibC.ftruncate(fd, size), "ftruncate");
        int error = LibC.posix_fallocate(fd, 0, size);
        if (error == Errno.ENOSPC) {
            throw new IpcLimitExceededException(resource, "posix_fallocate", error, IpcErrors.message(resource,
                    "posix_fallocate", error, "/dev/shm has less than " + size + " bytes free; free space there "
                            + "(remove stale segments) or make the segment smaller"));
        }
        // Other errors (e.g. EOPNOTSUPP on a file system without fallocate) leave the segment sparse.
        return size;
    }

    private static long sizeExisting(String resource, int fd, long requestedSize) throws NativeError {
        long deadline = System.nanoTime() + SIZE_WAIT_NANOS;
        long size = FileStatus.ofDescriptor(fd).size();
        // A creator sizes the segment right after creating it; give it a moment.
        while (size == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
            size = FileStatus.ofDescriptor(fd).size();
        }
        if (size == 0) {
            throw new IpcException(resource, null, 0, resource + ": it exists but has size 0; the process that created "
                    + "it never sized it. Remove it, or open it with create mode recreate and a size");
        }
        if (size > MAX_SIZE) {
            throw new IpcException(resource, null, 0, resource + ": it is " + size
                    + " bytes; segments up to 2 GiB are supported");
        }
        if (requestedSize > size) {
            throw new IpcException(resource, null, 0, resource + ": it exists with " + size + " bytes, less than the "
                    + requestedSize + " requested; a live segment is never resized. Request at most " + size
                    + " bytes (or 0 to take its size), or recreate it");
        }
        return size;
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
        java.util.Objects.checkFromIndexSize(targetOffset, length, target.length);
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
        java.util.Objects.checkFromIndexSize(sourceOffset, length, source.length);
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

    @Override
    protected void closeHandle() throws NativeError {
        try {
            Sys.check(LibC.munmap(this.address, this.size), "munmap");
        }
        finally {
            Sys.check(LibC.close(this.fd), "close");
        }
    }

    @Override
    protected void removeName() throws NativeError {
        Sys.check(LibRt.shm_unlink(name()), "shm_unlink");
    }

    @Override
    protected FileStatus status() throws NativeError {
        ensureOpen();
        return FileStatus.ofDescriptor(this.fd);
    }
}
