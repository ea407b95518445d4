package dev.springipc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The measuring JVM for one {@link UserMechanism}: sets up the sending side, starts one peer,
 * sends the one-way run (the peer times it and prints the rate) and then the round trips with
 * each number of concurrent callers, and prints {@code RESULT|mechanism|metric|value|unit} lines.
 */
final class UserMeasure {

    /** A 64-character ASCII string: 64 bytes of payload, as in the core figures. */
    static final String PAYLOAD = "0123456789abcdef".repeat(4);

    /** The whole measurement is bounded: a lost message must not hang the run. */
    private static final long DEADLINE_SECONDS = 240;

    private final UserMechanism mechanism;

    private final String tag;

    private final Workload workload;

    UserMeasure(UserMechanism mechanism, String tag, Workload workload) {
        this.mechanism = mechanism;
        this.tag = tag;
        this.workload = workload;
    }

    void run() throws Exception {
        exitAfterDeadline();
        List<Workload.Test> tests = Workload.Test.selected();
        long measured = this.workload.scaled(this.mechanism.oneWayCount());
        long warmup = this.workload.scaled(this.mechanism.oneWayCount() / 3);
        try (UserClient client = this.mechanism.client(this.tag)) {
            Cleanup.register(client::close);
            try (Jvm peer = Jvm.start(1, "user-peer", this.mechanism.id(), this.tag, Long.toString(warmup),
                    Long.toString(measured))) {
                client.connect(peer.awaitReadyInfo());
                if (this.mechanism.oneWay() && tests.contains(Workload.Test.THROUGHPUT_64B)) {
                    for (long i = 0; i < warmup + measured; i++) {
                        client.send(PAYLOAD);
                    }
                    String line = peer.readLine();
                    if (line == null || !line.startsWith("RATE|")) {
                        throw new IllegalStateException("peer did not report the one-way rate; it said: " + line);
                    }
                    String rate = line.substring("RATE|".length());
                    if (this.mechanism.kiloRates()) {
                        result("thr-64B", String.format("%.3f", Double.parseDouble(rate) * 1e3), "kmsg/s");
                    }
                    else {
                        result("thr-64B", rate, "Mmsg/s");
                    }
                }
                if (tests.contains(Workload.Test.ROUND_TRIP_64B)) {
                    for (int callers : this.mechanism.callers()) {
                        roundTrips(client, callers);
                    }
                }
            }
        }
    }

    /** {@code callers} threads each run their share of the round trips; one histogram of all. */
    private void roundTrips(UserClient client, int callers) throws Exception {
        long perCaller = Math.max(100, this.workload.scaled(this.mechanism.roundTripCount()) / callers);
        long warmup = Math.max(25, perCaller / 4);
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        List<Histogram> histograms = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            histograms.add(histogram);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (long call = 0; call < warmup + perCaller; call++) {
                        long t0 = System.nanoTime();
                        String reply = client.request(PAYLOAD);
                        long t1 = System.nanoTime();
                        if (!PAYLOAD.equals(reply)) {
                            throw new IllegalStateException("reply " + reply + " to call " + call);
                        }
                        if (call >= warmup) {
                            histogram.recordValue(Math.min(t1 - t0, histogram.getHighestTrackableValue()));
                        }
                    }
                }
                catch (Throwable ex) {
                    synchronized (failures) {
                        failures.add(ex);
                    }
                }
            }, "caller-" + i));
        }
        threads.forEach(Thread::start);
        long began = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("round trip with " + callers + " callers failed", failures.get(0));
        }
        histograms.forEach(all::add);
        String suffix = (callers == 1) ? "" : "-c" + callers;
        result("rtt-p50-64B" + suffix, String.format("%.3f", all.getValueAtPercentile(50) / 1e3), "us");
        result("rtt-p99-64B" + suffix, String.format("%.3f", all.getValueAtPercentile(99) / 1e3), "us");
        // A p50 alone hides callers that starve behind others: the calls completed per second do not.
        result("rr-rate-64B" + suffix, String.format("%.3f", callers * (warmup + perCaller) / seconds / 1e3), "k/s");
    }

    private void result(String metric, String value, String unit) {
        System.out.println("RESULT|" + this.mechanism.id() + "|" + metric + "|" + value + "|" + unit);
        System.out.flush();
    }

    /** Exits (running the cleanup hook) if the measurement takes far longer than it should. */
    private static void exitAfterDeadline() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
                System.err.println("measurement took over " + DEADLINE_SECONDS + " s: giving up");
                System.exit(2);
            }
            catch (InterruptedException ignored) {
                // The JVM is exiting.
            }
        }, "measure-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
