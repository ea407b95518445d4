package dev.springipc.test.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Leak reports of closed contexts, waiting to fail a test. JVM-wide, since a context may close
 * while another test class runs (an eviction from the context cache) and a close has no test to
 * fail by itself.
 */
final class IpcLeakReports {

    private static final Queue<String> pending = new ConcurrentLinkedQueue<>();

    private IpcLeakReports() {
    }

    static void add(String report) {
        pending.add(report);
    }

    /** The reports not yet reported, now taken. */
    static List<String> take() {
        List<String> reports = new ArrayList<>();
        for (String report = pending.poll(); report != null; report = pending.poll()) {
            reports.add(report);
        }
        return reports;
    }
}
