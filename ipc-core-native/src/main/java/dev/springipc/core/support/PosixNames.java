package dev.springipc.core.support;

import dev.springipc.core.IpcInvalidNameException;

/**
 * Validates POSIX IPC names before any system call: one leading {@code /}, then a safe name of
 * letters, digits, {@code .}, {@code _} and {@code -}, not {@code .} or {@code ..}, within the
 * kernel's length limit.
 */
public final class PosixNames {

    /** NAME_MAX on Linux: the longest file name in /dev/shm and /dev/mqueue. */
    public static final int NAME_MAX = 255;

    /** glibc stores a named semaphore as {@code /dev/shm/sem.<name>}, which costs four characters. */
    public static final int SEMAPHORE_NAME_MAX = NAME_MAX - 4;

    private PosixNames() {
    }

    /**
     * Returns {@code name} if valid, else throws {@link IpcInvalidNameException} naming the rule broken.
     * @param name the name, e.g. {@code /demo.jobs}
     * @param kind the kind of object, for the message
     * @param maxLength the longest allowed name without the leading slash
     */
    public static String validate(String name, String kind, int maxLength) {
        String resource = kind + " " + name;
        if (!name.startsWith("/")) {
            throw invalid(resource, name, "must start with '/', e.g. /" + name);
        }
        String bare = name.substring(1);
        if (bare.isEmpty()) {
            throw invalid(resource, name, "needs at least one character after the '/'");
        }
        if (bare.length() > maxLength) {
            throw invalid(resource, name, "is " + bare.length() + " characters long after the '/'; the limit is " + maxLength);
        }
        if (bare.equals(".") || bare.equals("..")) {
            throw invalid(resource, name, "must not be '.' or '..'");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!safe) {
                throw invalid(resource, name, "contains '" + printable(c) + "' at position " + (i + 1)
                        + "; only letters, digits, '.', '_' and '-' may follow the leading '/'");
            }
        }
        return name;
    }

    private static String printable(char c) {
        return (c < 0x20 || c == 0x7f) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static IpcInvalidNameException invalid(String resource, String name, String rule) {
        return new IpcInvalidNameException(resource, null, 0, resource + ": invalid name '" + name + "': it " + rule);
    }
}
