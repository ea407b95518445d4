package dev.springipc.core.support;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * What the property tests share: a seeded generator (the seed is printed, so a failure can be
 * replayed with {@code -Dipc.test.seed=<seed>}) and the bytes the current thread allocated.
 * <p>
 * Written as seeded loops rather than with jqwik: jqwik 1.10 runs on JUnit Platform 1.x, this
 * build runs JUnit 6, and jqwik's authors ask that it not be used by coding agents.
 */
public final class HostileInput {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HostileInput() {
    }

    /** A generator seeded from {@code ipc.test.seed} or the clock, printed with {@code property}. */
    public static Random random(String property) {
        long seed = Long.getLong("ipc.test.seed", System.nanoTime());
        System.out.println("PROPERTY-SEED " + property + " " + seed);
        return new Random(seed);
    }

    public static byte[] bytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Bytes allocated on the heap by the current thread so far. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
