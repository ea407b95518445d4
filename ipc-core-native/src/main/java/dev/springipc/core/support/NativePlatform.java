package dev.springipc.core.support;

import java.util.Locale;

import dev.springipc.core.IpcUnsupportedPlatformException;

/**
 * Guards every entry into native code: the bindings are for Linux with glibc, and anywhere else
 * the caller gets an error naming the OS instead of a JNA link error.
 */
public final class NativePlatform {

    private static final String OS_NAME = System.getProperty("os.name", "unknown");

    private NativePlatform() {
    }

    /** Whether this JVM runs on an operating system the bindings support. */
    public static boolean isSupported() {
        return isSupported(OS_NAME);
    }

    static boolean isSupported(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** Throws {@link IpcUnsupportedPlatformException} unless running on Linux. */
    public static void requireSupported(String resource) {
        requireSupported(resource, OS_NAME);
    }

    static void requireSupported(String resource, String osName) {
        if (!isSupported(osName)) {
            throw new IpcUnsupportedPlatformException(resource, null, 0, resource + ": Linux IPC is not available on "
                    + osName + " (" + System.getProperty("os.arch") + "): ipc-spring-boot-starter supports Linux "
                    + "(x86-64, aarch64) with glibc only; run this application on Linux or disable it with ipc.enabled=false");
        }
    }
}
