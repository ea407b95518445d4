package dev.springipc.core.support;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;

/**
 * A resource that lives in one {@link SharedMapping}: segments, mutexes, barriers, spin locks and
 * the shm ring share how they are closed, removed and inspected.
 */
public abstract class AbstractMappedResource extends AbstractIpcResource {

    private final SharedMapping mapping;

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

    /** The object lives in {@code /dev/shm}; the descriptor tells its inode. */
    @Override
    protected final IpcResourceStatus inspect() throws NativeError {
        return inspectPath("/dev/shm" + name(), this.mapping.status().inode());
    }

    @Override
    protected final FileStatus status() throws NativeError {
        ensureOpen();
        return this.mapping.status();
    }
}
