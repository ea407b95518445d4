package dev.springipc.core.support;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;

/**
 * A POSIX shared memory object mapped read-write: what segments, mutexes, barriers, spin locks
 * and the shm ring are built on. The creator sizes it with {@code ftruncate} and reserves it with
 * {@code posix_fallocate}, so a full /dev/shm fails here rather than with SIGBUS later; an opener
 * learns the size. Access goes through a native-order direct {@link ByteBuffer}.
 */
public final class SharedMapping {

    /** A mapping is addressed through one ByteBuffer, whose index is an int. */
    public static final long MAX_SIZE = Integer.MAX_VALUE;

    private static final Cleaner CLEANER = Cleaner.create();

    /** How long an opener waits for a creator that has not yet sized the object. */
    private static final long SIZE_WAIT_NANOS = 2_000_000_000L;

    private final int fd;

    private final Pointer address;

    private final int size;

    private final ByteBuffer buffer;

    private final boolean created;

    private SharedMapping(int fd, Pointer address, int size, boolean created) {
        this.fd = fd;
        this.address = address;
        this.size = size;
        this.created = created;
        this.buffer = address.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    /**
     * Opens or creates the shared memory object {@code name} per {@code create} and maps it.
     * @param kind what the object is to its users, for messages (e.g. {@code IPC mutex})
     * @param requestedSize the size to create; when opening, 0 takes the existing size and a
     * positive size must not exceed it
     */
    public static SharedMapping open(String kind, String name, long requestedSize, int mode, CreateMode create) {
        return open(kind, name, requestedSize, mode, create, IpcTrust.OWNER_ONLY);
    }

    /**
     * Like {@link #open(String, String, long, int, CreateMode)}; an object this call did not
     * create is checked against {@code trust} on the descriptor, before it is mapped or read.
     */
    public static SharedMapping open(String kind, String name, long requestedSize, int mode, CreateMode create,
            IpcTrust trust) {
        return open(kind, name, requestedSize, mode, create, trust, false);
    }

    /**
     * Like {@link #open(String, String, long, int, CreateMode, IpcTrust)}; with {@code prefault}
     * the mapping is faulted in at once ({@code MAP_POPULATE}), so that no access pays a page
     * fault later (a few microseconds on first touch of each page, which made the tail of a large
     * ring's round trips). For an object whose pages exist anyway (a ring: its creator allocates
     * them); a sparse object would have them allocated by it.
     */
    public static SharedMapping open(String kind, String name, long requestedSize, int mode, CreateMode create,
            IpcTrust trust, boolean prefault) {
        String resource = kind + " " + name;
        NativePlatform.requireSupported(resource);
        PosixNames.validate(name, kind, PosixNames.NAME_MAX);
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
            if (!opened.created()) {
                TrustCheck.require(resource, trust, create, false, mode, FileStatus.S_IFREG,
                        TrustCheck.Found.file(FileStatus.ofDescriptor(fd), "rm /dev/shm" + name));
            }
            long size = opened.created() ? sizeNew(resource, fd, mode, requestedSize)
                    : sizeExisting(resource, fd, requestedSize);
            Pointer address = LibC.mmap(null, size, Sys.PROT_READ | Sys.PROT_WRITE,
                    Sys.MAP_SHARED | (prefault ? Sys.MAP_POPULATE : 0), fd, 0);
            if (address == null || Pointer.nativeValue(address) == -1L) {
                throw new NativeError("mmap", Native.getLastError());
            }
            return new SharedMapping(fd, address, (int) size, opened.created());
        }
        catch (NativeError ex) {
            throw undo(name, fd, opened.created(), IpcErrors.translate(resource, ex));
        }
        catch (RuntimeException ex) {
            throw undo(name, fd, opened.created(), ex);
        }
    }

    private static RuntimeException undo(String name, int fd, boolean created, RuntimeException failure) {
        LibC.close(fd);
        if (created) {
            LibRt.shm_unlink(name);
        }
        return failure;
    }

    private static long sizeNew(String resource, int fd, int mode, long size) throws NativeError {
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException(resource + ": " + size + " bytes requested; up to " + MAX_SIZE
                    + " bytes are supported");
        }
        // shm_open narrows the mode by the umask; a 0660 request must yield 0660.
        Sys.check(LibC.fchmod(fd, mode), "fchmod");
        Sys.check(LibC.ftruncate(fd, size), "ftruncate");
        int error = LibC.posix_fallocate(fd, 0, size);
        if (error == Errno.ENOSPC) {
            throw new IpcLimitExceededException(IpcLimit.SHM_SPACE, resource, "posix_fallocate", error, IpcErrors.message(resource,
                    "posix_fallocate", error, "/dev/shm has less than " + size + " bytes free; free space there "
                            + "(remove stale segments) or make it smaller"));
        }
        // Other errors (e.g. EOPNOTSUPP on a file system without fallocate) leave the object sparse.
        return size;
    }

    private static long sizeExisting(String resource, int fd, long requestedSize) throws NativeError {
        long deadline = System.nanoTime() + SIZE_WAIT_NANOS;
        long size = FileStatus.ofDescriptor(fd).size();
        // A creator sizes the object right after creating it; give it a moment.
        while (size == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
            size = FileStatus.ofDescriptor(fd).size();
        }
        if (size == 0) {
            throw new IpcException(resource, null, 0, resource + ": it exists but has size 0; the process that created "
                    + "it never sized it. Remove it, or open it with create mode recreate");
        }
        if (size > MAX_SIZE) {
            throw new IpcException(resource, null, 0, resource + ": it is " + size + " bytes; up to " + MAX_SIZE
                    + " bytes are supported");
        }
        if (requestedSize > size) {
            throw new IpcException(resource, null, 0, resource + ": it exists with " + size + " bytes, less than the "
                    + requestedSize + " requested; a live object is never resized. Request at most " + size
                    + " bytes (or 0 to take its size), or recreate it");
        }
        return size;
    }

    /** Removes the name of the shared memory object {@code name}. */
    public static void unlink(String name) throws NativeError {
        Sys.check(LibRt.shm_unlink(name), "shm_unlink");
    }

    /** Whether this call created the object. */
    public boolean created() {
        return this.created;
    }

    /** The mapped size in bytes. */
    public int size() {
        return this.size;
    }

    /** A native-order view of the whole mapping. */
    public ByteBuffer buffer() {
        return this.buffer;
    }

    /** The address of byte {@code offset} of the mapping, for native calls that take a pointer. */
    public Pointer pointer(long offset) {
        return this.address.share(offset);
    }

    /**
     * The object's size now, as another process may have changed it: one {@code lseek(SEEK_END)}
     * on the descriptor, which never touches the mapping and so cannot fault. About 450 ns
     * through JNA on the project machine (the system call alone is about 170 ns there), where a
     * 64-byte read from the mapping costs about 6 ns.
     */
    public long currentSize() throws NativeError {
        long size = LibC.lseek(this.fd, 0, Sys.SEEK_END);
        if (size < 0) {
            throw new NativeError("lseek", Native.getLastError());
        }
        return size;
    }

    /** Whether another process shrank the object below the mapped size (see {@link #currentSize()}). */
    public boolean isTruncated() throws NativeError {
        return currentSize() < this.size;
    }

    /**
     * Refuses to go on with a mapping that another process truncated (see {@link #currentSize()}):
     * the one size check every mapped kind uses before touching memory that may be gone.
     * @param description the object, for the message (e.g. {@code shm ring queue /orders})
     * @throws IpcException naming the object, its size now and what was mapped
     */
    public void requireIntact(String description) {
        long now;
        try {
            now = currentSize();
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(description, ex);
        }
        if (now < this.size) {
            throw truncated(description, now);
        }
    }

    /** The error for an access refused because the object is now {@code now} bytes. */
    public IpcException truncated(String description, long now) {
        return new IpcException(description, "lseek", 0, description + ": another process truncated it to " + now
                + " of its " + this.size + " bytes, so it cannot be used any more. Remove and recreate it, and keep "
                + "its mode (default 0600) so that only trusted peers can write it");
    }

    /** Owner, group, mode and size of the object. */
    public FileStatus status() throws NativeError {
        return FileStatus.ofDescriptor(this.fd);
    }

    /**
     * Closes the descriptor now and unmaps once {@code owner} is unreachable: for owners whose
     * hot paths must not pay for in-flight counting. The object stays until unlinked.
     */
    public void releaseWhenUnreachable(Object owner) throws NativeError {
        long base = Pointer.nativeValue(this.address);
        long length = this.size;
        // The action must not capture the owner, or it would never become unreachable.
        CLEANER.register(owner, () -> LibC.munmap(new Pointer(base), length));
        Sys.check(LibC.close(this.fd), "close");
    }

    /** Unmaps and closes; the object stays until unlinked. */
    public void unmap() throws NativeError {
        try {
            Sys.check(LibC.munmap(this.address, this.size), "munmap");
        }
        finally {
            Sys.check(LibC.close(this.fd), "close");
        }
    }
}
