package dev.springipc.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Actions that remove what this JVM created or started, run once: from a finally block, or from
 * the shutdown hook when the JVM is stopped (SIGTERM, timeout) in the middle of a measurement.
 */
final class Cleanup {

    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "benchmark-cleanup"));
    }

    private Cleanup() {
    }

    static synchronized void register(Runnable action) {
        ACTIONS.push(action);
    }

    /** Runs every registered action, newest first; one failing does not stop the others. */
    static synchronized void runAll() {
        while (!ACTIONS.isEmpty()) {
            try {
                ACTIONS.pop().run();
            }
            catch (RuntimeException ex) {
                System.err.println("cleanup failed: " + ex);
            }
        }
    }
}
