package dev.springipc.core.posix;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.CreateMode;
import dev.springipc.core.support.NativeScratch;

import static dev.springipc.testsupport.ChildJvm.say;

/**
 * Child JVM for the semaphore fast-path tests; it opens the existing semaphore {@code args[1]}
 * and prints which implementation it got ({@code PATH ...}) before its result.
 * <ul>
 * <li>{@code fallback-release NAME COUNT}: with the fast path turned off by its system property,
 * releases COUNT permits; {@code RELEASED}.</li>
 * <li>{@code stress NAME POSTS CONSUME SEED}: one bursty releasing thread (POSTS permits) and
 * three consumers taking CONSUME permits in all, by tryAcquire(), tryAcquire(Duration) and
 * single unsliced 15 s wait slices (so that a lost wake-up shows as a 15 s timeout, not as a
 * 100 ms slice that hides it); {@code DONE posted consumed} or {@code LOST}, then
 * {@code WAITED n}, the number of those unsliced waits.</li>
 * </ul>
 */
public final class SemaphorePeer {

    private static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(15);

    private SemaphorePeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("fallback-release")) {
            // Before the first semaphore class reads it.
            System.setProperty(SemaphoreFastPath.ENABLED_PROPERTY, "false");
        }
        try (PosixSemaphore semaphore = PosixSemaphore.open(args[1], 0, 0600, CreateMode.OPEN_ONLY)) {
            say("PATH " + semaphore.implementation());
            switch (args[0]) {
                case "fallback-release" -> {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        semaphore.release();
                    }
                    say("RELEASED");
                }
                case "stress" -> stress(semaphore, Long.parseLong(args[2]), Long.parseLong(args[3]),
                        Long.parseLong(args[4]));
                default -> throw new IllegalArgumentException("Unknown command " + args[0]);
            }
        }
    }

    private static void stress(PosixSemaphore semaphore, long posts, long consume, long seed) throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        AtomicLong consumed = new AtomicLong();
        AtomicLong waits = new AtomicLong();
        Thread[] threads = new Thread[4];
        for (int style = 0; style < 3; style++) {
            long quota = consume / 3 + ((style == 0) ? consume % 3 : 0);
            int chosen = style;
            threads[style] = new Thread(() -> consume(semaphore, chosen, quota, consumed, waits, lost), "consumer-" + style);
        }
        threads[3] = new Thread(() -> post(semaphore, posts, seed), "poster");
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        say(lost.get() ? "LOST" : "DONE " + posts + " " + consumed.get());
        say("WAITED " + waits.get());
    }

    private static void post(PosixSemaphore semaphore, long posts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long posted = 0; posted < posts;) {
            int burst = 1 + random.nextInt(32);
            for (int i = 0; i < burst && posted < posts; i++, posted++) {
                semaphore.release();
            }
            if (random.nextBoolean()) {
                Thread.yield();
            }
            else {
                LockSupport.parkNanos(random.nextInt(50_000));
            }
        }
    }

    /** One unsliced wait, counted: the test checks that the futex path was taken at all. */
    private static boolean awaitSlice(PosixSemaphore semaphore, AtomicLong waits) throws Exception {
        waits.incrementAndGet();
        return semaphore.core().awaitSlice(LOST_AFTER_NANOS, NativeScratch.current());
    }

    private static void consume(PosixSemaphore semaphore, int style, long quota, AtomicLong consumed,
            AtomicLong waits, AtomicBoolean lost) {
        try {
            int misses = 0;
            for (long taken = 0; taken < quota && !lost.get();) {
                boolean got = switch (style) {
                    case 0 -> semaphore.tryAcquire();
                    case 1 -> semaphore.tryAcquire(Duration.ofNanos(LOST_AFTER_NANOS));
                    default -> semaphore.tryAcquire() || awaitSlice(semaphore, waits);
                };
                if (got) {
                    taken++;
                    consumed.incrementAndGet();
                    misses = 0;
                }
                else if (style != 0) {
                    System.err.println("consumer " + style + ": nothing within 15 s");
                    lost.set(true);
                }
                else if (++misses < 64) {
                    Thread.yield();
                }
                else {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
        catch (Exception ex) {
            ex.printStackTrace();
            lost.set(true);
        }
    }
}
