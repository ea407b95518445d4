package dev.springipc.core.support;

import java.nio.ByteBuffer;

import dev.springipc.core.sys.Sys;

/**
 * A 64-bit word in a shared mapping that names who holds something: 0 when free, otherwise
 * {@code pid << 32 | tag}, the holder's process id and a tag for the thread or handle within it.
 * The pid makes a held word non-zero whatever the tag, and lets anyone tell that a holder's
 * process has died, so that its word can be taken over instead of staying held forever (what
 * Boost.Interprocess and robust mutexes do). The ring's producer and consumer slots, its
 * consumer lock and {@code IpcSpinLock} hold one.
 */
public final class OwnerWord {

    private OwnerWord() {
    }

    /** The word naming {@code tag} (only its low 32 bits count) in process {@code pid}. */
    public static long of(int pid, long tag) {
        return ((long) pid << 32) | (tag & 0xffffffffL);
    }

    public static int pidOf(long word) {
        return (int) (word >>> 32);
    }

    /** Takes the word at {@code offset} if it is free (0). Volatile: orders what follows after it. */
    public static boolean claimFree(ByteBuffer mapping, int offset, long me) {
        return SharedMemory.compareAndSetLong(mapping, offset, 0L, me);
    }

    /**
     * Whether {@code holder}, read from a word, names a process that has ended: false for a free
     * word and for the process of {@code me}, the asker's own word (that process is alive while
     * it asks, and a pid is cheaper to compare than to look up).
     */
    public static boolean isDeadHolder(long holder, long me) {
        int holderPid = pidOf(holder);
        return holder != 0L && holderPid != pidOf(me) && !Sys.isAlive(holderPid);
    }

    /**
     * Replaces {@code holder}, a holder found dead, with {@code me}; false if the word changed
     * meanwhile (someone else took over first, or it was freed).
     */
    public static boolean takeOver(ByteBuffer mapping, int offset, long holder, long me) {
        return SharedMemory.compareAndSetLong(mapping, offset, holder, me);
    }

    /** Takes a free word, or one whose holder's process has died; false if a live holder has it. */
    public static boolean tryAcquire(ByteBuffer mapping, int offset, long me) {
        if (claimFree(mapping, offset, me)) {
            return true;
        }
        long holder = SharedMemory.getLongVolatile(mapping, offset);
        return isDeadHolder(holder, me) && takeOver(mapping, offset, holder, me);
    }

    /** Frees the word if {@code me} holds it; false if it did not. Volatile: a release of what came before. */
    public static boolean release(ByteBuffer mapping, int offset, long me) {
        return SharedMemory.compareAndSetLong(mapping, offset, me, 0L);
    }
}
