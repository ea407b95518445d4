package dev.springipc.core.support;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcException;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;
import org.jspecify.annotations.Nullable;

/**
 * A resource that lives in one {@link SharedMapping}: segments, mutexes, barriers, spin locks and
 * the shm ring share how they are closed, removed and inspected.
 */
public abstract class AbstractMappedResource extends AbstractIpcResource {

    private final SharedMapping mapping;

    /** The header {@link #establish} agreed on, 0 for a kind without one (the segment). */
    private long magic;

    private int version;

    protected AbstractMappedResource(String kind, String name, SharedMapping mapping) {
        super(kind, name, mapping.created());
        this.mapping = mapping;
    }

    /** A step of setting up or checking the shared structure. */
    @FunctionalInterface
    protected interface Setup {

        void run() throws NativeError;
    }

    /** A setup step with nothing to do. */
    protected static final Setup NOTHING = () -> {
    };

    /**
     * Makes the shared structure usable, the same way for every kind: the creator runs
     * {@code initialize} and then publishes the header; an opener waits for the header, checks
     * kind and version, then runs {@code verify} (e.g. that the sizes agree). On any failure the
     * open is undone ({@link #discard(Throwable)}), so nothing is left behind.
     */
    protected final void establish(long magic, int version, Setup initialize, Setup verify) {
        this.magic = magic;
        this.version = version;
        try {
            if (this.mapping.created()) {
                initialize.run();
                SharedHeader.publish(buffer(), magic, version);
            }
            else {
                SharedHeader.await(buffer(), magic, version, description(), kind());
                verify.run();
            }
        }
        catch (NativeError ex) {
            RuntimeException failure = translate(ex);
            discard(failure);
            throw failure;
        }
        catch (RuntimeException ex) {
            discard(ex);
            throw ex;
        }
    }

    /**
     * Refuses to go on with a mapping that another process truncated: an atomic operation
     * (compare-and-set, a futex or pthread call) on memory that is gone kills the JVM with
     * SIGBUS, which no Java code can catch. One {@code fstat}: called where an operation is
     * about to wait anyway, not on lock-free fast paths. A truncation between this check and
     * the operation is still possible; only a peer with write permission can do it.
     */
    protected final void requireIntact() throws NativeError {
        long size = this.mapping.currentSize();
        if (size < this.mapping.size()) {
            throw truncated(size);
        }
    }

    /** The error for an access refused because the object is now {@code size} bytes. */
    protected final IpcException truncated(long size) {
        return this.mapping.truncated(description(), size);
    }

    /**
     * {@link #ensureOpen()} and {@link #requireIntact()}, for reads that are not on a hot path
     * (diagnostics such as a mutex's owner deaths): the size check makes their refusal of a
     * truncated object deterministic, where a caught fault is not (see {@link #mappingGone}).
     */
    protected final void checkIntact() {
        ensureOpen();
        try {
            requireIntact();
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
    }

    /**
     * The {@link IpcException} for a plain read or write that faulted: HotSpot turns the SIGBUS
     * of an access to a truncated mapping into an {@link InternalError}. It raises it
     * asynchronously, though: the access returns garbage and the error comes at the thread's
     * next VM transition, which is inside the accessor's {@code catch} only sometimes (e.g. on
     * the first run of a call site, whose resolution is such a transition). Hence the size checks.
     */
    protected final IpcException mappingGone(InternalError cause) {
        return new IpcException(description(), null, 0, description() + ": the memory behind the mapping is gone; "
                + "another process truncated it. Remove and recreate it, and keep its mode (default 0600) so that "
                + "only trusted peers can write it", cause);
    }

    protected final SharedMapping mapping() {
        return this.mapping;
    }

    /** The mapping's native-order view. */
    protected final ByteBuffer buffer() {
        return this.mapping.buffer();
    }

    @Override
    protected void closeHandle() throws NativeError {
        this.mapping.unmap();
    }

    @Override
    protected final void removeName() throws NativeError {
        SharedMapping.unlink(name());
    }

    /**
     * The object lives in {@code /dev/shm}; the descriptor tells its inode. Then its size, which
     * must still cover the mapping (else reading the header would fault), and its contents.
     */
    @Override
    protected final IpcResourceStatus inspect() throws NativeError {
        IpcResourceStatus path = inspectPath("/dev/shm" + name(), this.mapping.status().inode());
        if (!path.isUsable()) {
            return path;
        }
        long size = this.mapping.currentSize();
        if (size < this.mapping.size()) {
            return new IpcResourceStatus(IpcResourceStatus.State.TRUNCATED, "truncated: /dev/shm" + name() + " is "
                    + size + " bytes, this handle mapped " + this.mapping.size() + "; another process shrank it");
        }
        String corruption = inspectContents();
        if (corruption != null) {
            return new IpcResourceStatus(IpcResourceStatus.State.CORRUPT, "corrupt: /dev/shm" + name() + ": "
                    + corruption);
        }
        return path;
    }

    /**
     * What is wrong with the shared structure, or {@code null} if nothing is: called by
     * {@link #check()} once the size is known to cover the mapping, so reads cannot fault. By
     * default the header {@link #establish} agreed on must still be there.
     */
    protected @Nullable String inspectContents() {
        if (this.magic == 0) {
            return null;
        }
        long found = SharedMemory.getLongVolatile(buffer(), SharedHeader.MAGIC_OFFSET);
        if (found != this.magic) {
            return "its magic number is 0x" + Long.toHexString(found) + ", not the 0x" + Long.toHexString(this.magic)
                    + " of an " + kind() + "; another process wrote over it";
        }
        int foundVersion = buffer().getInt(SharedHeader.VERSION_OFFSET);
        if (foundVersion != this.version) {
            return "its layout version is " + foundVersion + ", not " + this.version + "; another process wrote over it";
        }
        return null;
    }

    @Override
    protected final FileStatus status() throws NativeError {
        ensureOpen();
        return this.mapping.status();
    }
}
