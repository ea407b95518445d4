package dev.springipc.core.support;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the kernel's IPC limits from {@code /proc/sys} ({@code fs/mqueue/*}, {@code kernel/msg*}):
 * the values of the calling process's IPC namespace, as the kernel applies them to it.
 */
public final class SysctlValues {

    private SysctlValues() {
    }

    /**
     * The number in {@code file} (e.g. {@code /proc/sys/fs/mqueue/msg_max}), or {@code fallback}
     * if it cannot be read. Read as a line on purpose: on some kernels
     * {@code Files.readAllBytes} sees only the first byte of these files.
     */
    public static long read(String file, long fallback) {
        try (BufferedReader reader = new BufferedReader(new FileReader(file, StandardCharsets.US_ASCII))) {
            String line = reader.readLine();
            return (line != null) ? Long.parseLong(line.strip()) : fallback;
        }
        catch (IOException | NumberFormatException ex) {
            return fallback;
        }
    }

    /** The sysctl name of a {@code /proc/sys} path: {@code fs.mqueue.msg_max}. */
    public static String name(String file) {
        return file.substring("/proc/sys/".length()).replace('/', '.');
    }
}
