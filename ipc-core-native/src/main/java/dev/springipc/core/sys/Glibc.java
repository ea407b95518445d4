package dev.springipc.core.sys;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.jspecify.annotations.Nullable;

/**
 * Which C library this process runs on. Looked up by symbol rather than declared in
 * {@link LibC}: a direct-mapped class fails to register as a whole when one function is
 * missing, and {@code gnu_get_libc_version} is missing on musl.
 */
public final class Glibc {

    private Glibc() {
    }

    /** glibc's version, e.g. {@code 2.36}, or null when the C library is not glibc (e.g. musl). */
    public static @Nullable String version() {
        try {
            Function function = NativeLibrary.getInstance("c").getFunction("gnu_get_libc_version");
            return function.invokeString(new Object[0], false);
        }
        catch (UnsatisfiedLinkError notGlibc) {
            return null;
        }
    }

    /** Whether {@code version} (e.g. {@code 2.36}) is at least {@code major.minor}; false if unparsable. */
    public static boolean atLeast(@Nullable String version, int major, int minor) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = Integer.parseInt(parts[1].replaceAll("[^0-9].*$", ""));
            return actualMajor > major || (actualMajor == major && actualMinor >= minor);
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }
}
