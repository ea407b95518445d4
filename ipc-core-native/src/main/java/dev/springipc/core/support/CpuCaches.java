package dev.springipc.core.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of a core's level-2 cache, as Linux describes CPU 0's caches under
 * {@code /sys/devices/system/cpu/cpu0/cache}: whether a ring's lines stay in a core's cache from
 * one lap to the next depends on it. Read once per JVM.
 */
public final class CpuCaches {

    /** Taken when sysfs says nothing (a container that hides it): a small level 2 of today's cores. */
    static final long FALLBACK_LEVEL2_BYTES = 256 * 1024;

    private static final long LEVEL2_BYTES = level2Bytes(Path.of("/sys/devices/system/cpu/cpu0/cache"));

    private CpuCaches() {
    }

    /** Bytes of a core's level-2 cache (unified or data), or a small one's if Linux does not say. */
    public static long level2Bytes() {
        return LEVEL2_BYTES;
    }

    /** The level-2 size under a sysfs {@code cache} directory ({@code index*} with level, type, size). */
    static long level2Bytes(Path cacheDirectory) {
        for (int index = 0; index < 16; index++) {
            Path entry = cacheDirectory.resolve("index" + index);
            if (!Files.isDirectory(entry)) {
                break;
            }
            if (read(entry, "level").equals("2") && !read(entry, "type").equals("Instruction")) {
                long bytes = parseSize(read(entry, "size"));
                if (bytes > 0) {
                    return bytes;
                }
            }
        }
        return FALLBACK_LEVEL2_BYTES;
    }

    /** {@code 512K}, {@code 2048K}, {@code 1M} (sysfs writes K); 0 if it is none of these. */
    static long parseSize(String size) {
        if (size.isEmpty()) {
            return 0;
        }
        long unit = switch (size.charAt(size.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            default -> 0L;
        };
        try {
            return (unit == 0) ? Long.parseLong(size) : unit * Long.parseLong(size.substring(0, size.length() - 1));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static String read(Path entry, String file) {
        try {
            return Files.readString(entry.resolve(file), StandardCharsets.US_ASCII).strip();
        }
        catch (IOException ex) {
            return "";
        }
    }
}
