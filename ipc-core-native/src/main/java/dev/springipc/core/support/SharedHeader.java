package dev.springipc.core.support;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.IpcException;

/**
 * The first 16 bytes of every synchronisation object: a magic number naming the kind and a
 * layout version. The creator initialises the rest, then publishes the magic with a release
 * store; an opener waits for it with acquire loads, so it never uses a half-built object, and it
 * refuses an object of another kind or version instead of misreading it.
 *
 * <pre>
 *  0               8        12       16
 *  +---------------+--------+--------+
 *  | magic (long)  | version| (free) |
 *  +---------------+--------+--------+
 * </pre>
 */
public final class SharedHeader {

    public static final int MAGIC_OFFSET = 0;

    public static final int VERSION_OFFSET = 8;

    /** Bytes the header takes; kind-specific fields start here or later. */
    public static final int LENGTH = 16;

    private static final long INIT_WAIT_NANOS = 2_000_000_000L;

    private SharedHeader() {
    }

    /** Makes the object usable: call after every other field is initialised. */
    public static void publish(ByteBuffer buffer, long magic, int version) {
        buffer.putInt(VERSION_OFFSET, version);
        // Release: an opener that sees the magic sees every field written before it.
        SharedMemory.putLongRelease(buffer, MAGIC_OFFSET, magic);
    }

    /** Waits (briefly) for the creator to publish, then checks kind and version. */
    public static void await(ByteBuffer buffer, long magic, int version, String resource, String kind) {
        long deadline = System.nanoTime() + INIT_WAIT_NANOS;
        long found = SharedMemory.getLongAcquire(buffer, MAGIC_OFFSET);
        while (found == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
            found = SharedMemory.getLongAcquire(buffer, MAGIC_OFFSET);
        }
        if (found == 0) {
            throw new IpcException(resource, null, 0, resource + ": it was never initialised; the process that created "
                    + "it probably died while setting it up. Remove it, or open it with create mode recreate");
        }
        if (found != magic) {
            throw new IpcException(resource, null, 0, resource + ": the shared memory object holds something other than "
                    + "an " + kind + " (magic 0x" + Long.toHexString(found) + "); choose another name, or remove it if "
                    + "it is stale");
        }
        int foundVersion = buffer.getInt(VERSION_OFFSET);
        if (foundVersion != version) {
            throw new IpcException(resource, null, 0, resource + ": layout version " + foundVersion + " differs from "
                    + "this library's " + version + "; use the same library version in every process, or recreate it");
        }
    }
}
