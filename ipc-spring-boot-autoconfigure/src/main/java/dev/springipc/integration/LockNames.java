package dev.springipc.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a lock key into a POSIX name {@code /<namespace>.lock.<key>}. A key made only of letters,
 * digits, {@code .}, {@code _} and {@code -} is used as it is; any other key, or one that would
 * make the name too long, becomes a readable prefix (unsafe characters replaced by {@code _})
 * plus 16 hex digits of its SHA-256, so two different keys never share a mutex.
 */
final class LockNames {

    /** Room for the name in /dev/shm (NAME_MAX 255), with a margin. */
    static final int MAX_NAME = 200;

    private static final int READABLE_PREFIX = 48;

    private LockNames() {
    }

    static String nameOf(String namespace, String key) {
        String base = "/" + namespace + ".lock.";
        if (isSafe(key) && base.length() + key.length() <= MAX_NAME) {
            return base + key;
        }
        String readable = sanitize(key.substring(0, Math.min(key.length(), READABLE_PREFIX)));
        return base + readable + "-" + hash(key);
    }

    private static boolean isSafe(String key) {
        if (key.isEmpty() || key.startsWith(".")) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!isSafe(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static String sanitize(String key) {
        StringBuilder safe = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            safe.append(isSafe(c) ? c : '_');
        }
        return safe.toString();
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
