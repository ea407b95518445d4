package dev.springipc.core.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file behind a glibc named semaphore, read and written by hand. */
final class SemaphoreFiles {

    private SemaphoreFiles() {
    }

    static Path path(String name) {
        return Path.of("/dev/shm", "sem." + name.substring(1));
    }

    /** The raw 64-bit data word (value | nwaiters << 32), read from the file, not through any mapping of ours. */
    static long rawData(String name) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(path(name))).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static int value(long data) {
        return (int) data;
    }

    static long waiters(long data) {
        return data >>> 32;
    }
}
