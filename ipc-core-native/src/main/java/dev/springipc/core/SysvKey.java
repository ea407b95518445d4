package dev.springipc.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * System V keys: the integers by which unrelated processes find the same semaphore set or
 * message queue.
 * <p>
 * {@link #of(String)} derives a key from a name for configurations that give none. It is not
 * {@code ftok}, which mixes in a file's inode and device and so changes when the file is
 * recreated; it is the 32-bit FNV-1a hash of the name's UTF-8 bytes with the sign bit cleared
 * (0, which is IPC_PRIVATE, becomes 1), so any language can compute it:
 * <pre>{@code
 * h = 0x811c9dc5; for b in name.encode(): h = ((h ^ b) * 0x01000193) & 0xffffffff
 * key = (h & 0x7fffffff) or 1
 * }</pre>
 * Two names collide with a probability of about one in two billion per pair; a collision means
 * two configurations share one object, so give an explicit {@code key} where that matters.
 */
public final class SysvKey {

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;

    private static final int FNV_PRIME = 0x01000193;

    private SysvKey() {
    }

    /** A stable positive key for {@code name}, the same in every process and every run. */
    public static int of(String name) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= FNV_PRIME;
        }
        int key = hash & 0x7fffffff;
        return (key != 0) ? key : 1;
    }

    /** The key as {@code ipcs} prints it, e.g. {@code 0x0000abcd}. */
    public static String format(int key) {
        return String.format(Locale.ROOT, "0x%08x", key);
    }
}
