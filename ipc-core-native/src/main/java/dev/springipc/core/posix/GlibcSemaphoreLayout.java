package dev.springipc.core.posix;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * glibc's {@code sem_t} as {@code sem_open} writes it to {@code /dev/shm/sem.<name>}: the
 * {@code struct new_sem} of glibc ≥ 2.21 on 64-bit little-endian ABIs
 * ({@code sysdeps/nptl/internaltypes.h}), padded to 32 bytes.
 * <pre>
 *  0                               8            12           16                          32
 *  +-------------------------------+------------+------------+---------------------------+
 *  | data: value | nwaiters << 32  | private    | pad        | zero (sem_t's tail)       |
 *  | (u64; value is the futex word)| 128=shared | 0          |                           |
 *  +-------------------------------+------------+------------+---------------------------+
 * </pre>
 * The layout is glibc-internal, not an ABI: {@link #refusal} checks a file before the fast
 * path touches it, so that anything else (pre-2.21 glibc, 32-bit ABIs, garbage) stays on JNA.
 */
final class GlibcSemaphoreLayout {

    /** {@code sizeof(sem_t)} on 64-bit Linux. */
    static final int SIZE = 32;

    /** The 64-bit {@code data} word: the value in the low half, the waiter count in the high half. */
    static final int DATA_OFFSET = 0;

    /** The futex word is {@code data}'s low half, which is at offset 0 on little-endian. */
    static final int FUTEX_WORD_OFFSET = 0;

    static final int PRIVATE_OFFSET = 8;

    static final int PAD_OFFSET = 12;

    /** sem_open zeroes the bytes after {@code struct new_sem}. */
    static final int TAIL_OFFSET = 16;

    /**
     * {@code private} of a process-shared semaphore: FUTEX_SHARED, which glibc defines as
     * FUTEX_PRIVATE_FLAG (128), since it builds a futex op as {@code (op | 128) ^ private}.
     */
    static final int FUTEX_SHARED = 128;

    static final long VALUE_MASK = 0xFFFF_FFFFL;

    static final int NWAITERS_SHIFT = 32;

    /** One registered waiter in {@code data}. */
    static final long ONE_WAITER = 1L << NWAITERS_SHIFT;

    /** SEM_VALUE_MAX of glibc on Linux. */
    static final long SEM_VALUE_MAX = Integer.MAX_VALUE;

    private GlibcSemaphoreLayout() {
    }

    /** Why the file (of {@code fileSize} bytes, mapped as {@code file}) is not this layout; null if it is. */
    static @Nullable String refusal(ByteBuffer file, long fileSize) {
        if (fileSize != SIZE) {
            return "the file has " + fileSize + " bytes, not " + SIZE;
        }
        int privateWord = file.getInt(PRIVATE_OFFSET);
        if (privateWord != FUTEX_SHARED) {
            return "its private word is " + privateWord + ", not " + FUTEX_SHARED + " (FUTEX_SHARED)";
        }
        if (file.getInt(PAD_OFFSET) != 0) {
            return "its pad word is " + file.getInt(PAD_OFFSET) + ", not 0";
        }
        for (int at = TAIL_OFFSET; at < SIZE; at += Long.BYTES) {
            if (file.getLong(at) != 0) {
                return "byte " + at + " onwards is not zero";
            }
        }
        long value = file.getLong(DATA_OFFSET) & VALUE_MASK;
        if (value > SEM_VALUE_MAX) {
            return "its value " + value + " exceeds SEM_VALUE_MAX";
        }
        return null;
    }

    static int value(long data) {
        return (int) (data & VALUE_MASK);
    }

    static long waiters(long data) {
        return data >>> NWAITERS_SHIFT;
    }
}
