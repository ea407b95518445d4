package dev.springipc.benchmarks;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The measuring JVM for one mechanism: creates the objects, starts a peer JVM per test, measures
 * and prints {@code RESULT|mechanism|metric|value|unit} lines. Every object it created is
 * removed in a finally block, or by the shutdown hook if it is stopped.
 */
final class Measure {

    /** Busy-spinning receivers take up to this many messages per poll in throughput tests. */
    private static final int BATCH = 256;

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Mechanism mechanism;

    private final String tag;

    private final Workload workload;

    Measure(Mechanism mechanism, String tag, Workload workload) {
        this.mechanism = mechanism;
        this.tag = tag;
        this.workload = workload;
    }

    void runAll() throws Exception {
        for (Workload.Test test : Workload.Test.selected()) {
            try {
                if (test == Workload.Test.ROUND_TRIP_64B) {
                    roundTrip(test);
                }
                else {
                    throughput(test);
                }
            }
            finally {
                // Stops the peer if it is still running and removes this test's objects.
                Cleanup.runAll();
            }
        }
    }

    /** One-way: the peer produces, we consume and check every sequence number. */
    void throughput(Workload.Test test) throws Exception {
        long warmup = this.workload.warmup(this.mechanism, test);
        long total = warmup + this.workload.measured(this.mechanism, test);
        String name = name(test, "a");
        try (Channel in = create(name, test.size); Jvm peer = Jvm.start(1, "peer", "produce", this.mechanism.id(),
                Integer.toString(test.size), Long.toString(total), name)) {
            peer.awaitReady();
            int limit = this.mechanism.spins() ? BATCH : 1;
            long received = 0;
            long startCount = -1;
            long start = 0;
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            while (received < total) {
                int n = in.poll(limit);
                if (n == 0) {
                    checkDeadline(deadline);
                    Thread.onSpinWait();
                    continue;
                }
                received += n;
                if (in.lastSeq() != received - 1) {
                    throw new IllegalStateException("message " + in.lastSeq() + " arrived as number " + (received - 1));
                }
                if (startCount < 0 && received >= warmup) {
                    startCount = received;
                    start = System.nanoTime();
                }
            }
            long elapsed = System.nanoTime() - start;
            peer.awaitExit(30);
            result(test.id, String.format("%.3f", (received - startCount) / (elapsed / 1e9) / 1e6), "Mmsg/s");
        }
    }

    /** Ping-pong: one object per direction; the peer echoes each sequence number back. */
    void roundTrip(Workload.Test test) throws Exception {
        long warmup = this.workload.warmup(this.mechanism, test);
        long total = warmup + this.workload.measured(this.mechanism, test);
        String ping = name(test, "ping");
        String pong = name(test, "pong");
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Channel out = create(ping, test.size); Channel in = create(pong, test.size);
                Jvm peer = Jvm.start(1, "peer", "echo", this.mechanism.id(), Integer.toString(test.size),
                        Long.toString(total), ping, pong)) {
            peer.awaitReady();
            EchoRounds.run(out, in, warmup, total, histogram, TIMEOUT_NANOS);
            peer.awaitExit(30);
        }
        result("rtt-p50-64B", String.format("%.3f", histogram.getValueAtPercentile(50) / 1e3), "us");
        result("rtt-p99-64B", String.format("%.3f", histogram.getValueAtPercentile(99) / 1e3), "us");
    }

    private String name(Workload.Test test, String role) {
        return this.tag + "-" + this.mechanism.id() + "-" + test.id + "-" + role;
    }

    /** Creates the object and registers its removal before anything else can fail. */
    private Channel create(String name, int size) {
        Channel channel = this.mechanism.open(name, size, true);
        Cleanup.register(channel::remove);
        return channel;
    }

    private void result(String metric, String value, String unit) {
        System.out.println("RESULT|" + this.mechanism.id() + "|" + metric + "|" + value + "|" + unit);
        System.out.flush();
    }

    private static void checkDeadline(long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("no message within " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS) + " s");
        }
    }
}
