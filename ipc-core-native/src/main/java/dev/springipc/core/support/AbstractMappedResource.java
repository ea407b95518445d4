package dev.springipc.core.support;

import java.nio.ByteBuffer;

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

    @Override
    protected final FileStatus status() throws NativeError {
        ensureOpen();
        return this.mapping.status();
    }
}
