package dev.springipc.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The measuring JVM of one topology and form of the ring matrix: every cell's throughput and
 * round trip for ours and Agrona's ring, the two measured right after each other (the order
 * alternating from pair to pair and cell to cell), against one long-lived {@link RingDuelPeer}.
 * A throughput cell is measured as several such pairs of short windows: the machine's slow
 * phases come and go within seconds, and a phase that covers one window of a pair spoils only
 * that pair's ratio. Only these two ring types pass the harness's call sites in this JVM, so
 * the JIT sees the same two-type profile for both. A {@link PlacementProbe} between every two
 * windows (and before the first) says how far apart the two JVMs' CPUs were around each. Prints
 * {@code RESULT|cell|contender|metric|pair|value}, the metrics {@code thr}, {@code rtt-p50}
 * each followed by the same metric's {@code -probe-before} and {@code -probe-after} (ns), and
 * {@code rtt-p99}.
 */
final class RingDuel {

    /** Throughput receivers take up to this many messages per poll. */
    private static final int BATCH = 256;

    /** A cell that gets no message for this long fails (a dead peer), instead of hanging the run. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** The sequence number that ends a stream: the producer's last message, the echo's stop. */
    static final long END = -1;

    private final RingCell.Topology topology;

    private final RingCell.Form form;

    private final String tag;

    private final Timing timing;

    private final boolean pinned;

    private int names;

    /**
     * How long each figure is taken.
     * @param warmupMillis throughput: time from the first message before counting starts
     * @param windowMillis throughput: time counted
     * @param pairs throughput: windows per contender and cell, ours and Agrona's in turn
     * @param roundTrips round trips recorded (after a quarter as many unrecorded)
     * @param probeRounds round trips of each placement probe (it also ends after 20 ms)
     */
    record Timing(long warmupMillis, long windowMillis, int pairs, long roundTrips, int probeRounds) {

        static Timing of(String profile) {
            return switch (profile) {
                case "quick" -> new Timing(30, 50, 1, 10_000, 5_000);
                case "full" -> new Timing(50, 100, 3, 100_000, 20_000);
                case "smoke" -> new Timing(5, 5, 1, 200, 200);
                default -> throw new IllegalArgumentException("profile quick, full or smoke, not " + profile);
            };
        }
    }

    RingDuel(RingCell.Topology topology, RingCell.Form form, String tag, Timing timing, boolean pinned) {
        this.topology = topology;
        this.form = form;
        this.tag = tag;
        this.timing = timing;
        this.pinned = pinned;
    }

    /** {@code <topology> <form> <tag> <profile> <pinned|unpinned> <reverse>}. */
    static void main(String[] args) throws Exception {
        Jvm.exitWhenParentDies();
        try {
            new RingDuel(RingCell.Topology.valueOf(args[0]), RingCell.Form.valueOf(args[1]), args[2],
                    Timing.of(args[3]), args[4].equals("pinned")).run(Boolean.parseBoolean(args[5]));
        }
        finally {
            Cleanup.runAll();
        }
    }

    void run(boolean reverse) throws Exception {
        String probeName = name(null);
        try (Jvm peer = this.pinned ? Jvm.start(1, "duel-peer") : Jvm.startUnpinned("duel-peer");
                PlacementProbe probe = PlacementProbe.create(probeName)) {
            Cleanup.register(probe::close);
            // Unrecorded pass over the first cell: the JIT compiles both rings' paths (and the
            // probe's) before any figure is kept, so the first cells are not measured half interpreted.
            RingCell first = RingCell.throughputCells(this.topology, this.form).get(0);
            for (RingCell.Contender contender : RingCell.Contender.values()) {
                throughput(peer, first, contender);
                roundTrip(peer, new RingCell(this.topology, this.form, first.ringBytes(), RingCell.ROUND_TRIP_SIZE),
                        contender);
                for (int i = 0; i < 5; i++) {
                    probe(peer, probe, probeName);
                }
            }
            int index = 0;
            // The probe after one window is the probe before the next.
            double before = probe(peer, probe, probeName);
            for (RingCell cell : RingCell.throughputCells(this.topology, this.form)) {
                for (int pair = 0; pair < this.timing.pairs(); pair++) {
                    for (RingCell.Contender contender : order(reverse, index++)) {
                        double value = throughput(peer, cell, contender);
                        double after = probe(peer, probe, probeName);
                        result(cell, contender, "thr", pair, value, before, after);
                        before = after;
                    }
                }
            }
            for (RingCell cell : RingCell.roundTripCells(this.topology, this.form)) {
                for (RingCell.Contender contender : order(reverse, index++)) {
                    double[] percentiles = roundTrip(peer, cell, contender);
                    double after = probe(peer, probe, probeName);
                    result(cell, contender, "rtt-p50", 0, percentiles[0], before, after);
                    result(cell, contender, "rtt-p99", 0, percentiles[1]);
                    before = after;
                }
            }
            peer.tell("exit");
            peer.awaitExit(30);
        }
    }

    /** Ours first in every other pair, Agrona first in the rest; {@code reverse} swaps them. */
    private static List<RingCell.Contender> order(boolean reverse, int index) {
        boolean oursFirst = (index % 2 == 0) != reverse;
        return oursFirst ? List.of(RingCell.Contender.OURS, RingCell.Contender.AGRONA)
                : List.of(RingCell.Contender.AGRONA, RingCell.Contender.OURS);
    }

    /**
     * One-way: the peer sends until we tell it to stop, then {@link #END}; we consume, check every
     * sequence number, and count the messages of the window that follows the warm-up (both timed
     * from the first message we see, so a peer slow to start under load does not eat the window).
     * @return Mmsg/s
     */
    private double throughput(Jvm peer, RingCell cell, RingCell.Contender contender) throws Exception {
        String name = name(contender);
        try (Channel in = create(cell, contender, name); Removal removal = in::remove) {
            peer.tell(String.join(" ", "produce", cell.topology().name(), cell.form().name(),
                    Integer.toString(cell.ringBytes()), Integer.toString(cell.size()), contender.name(), name));
            peer.awaitReady();
            long warmupNanos = TimeUnit.MILLISECONDS.toNanos(this.timing.warmupMillis());
            long windowNanos = TimeUnit.MILLISECONDS.toNanos(this.timing.windowMillis());
            long received = 0;
            long first = 0;
            long markCount = -1;
            long markTime = 0;
            long endCount = -1;
            long endTime = 0;
            long lastArrival = System.nanoTime();
            int polls = 0;
            while (true) {
                int n = in.poll(BATCH);
                if (n == 0) {
                    stallCheck(lastArrival);
                    Thread.onSpinWait();
                    continue;
                }
                if (in.lastSeq() == END) {
                    break;
                }
                received += n;
                if (in.lastSeq() != received - 1) {
                    throw new IllegalStateException(cell.id() + " " + contender.id + ": message " + in.lastSeq()
                            + " arrived as number " + (received - 1));
                }
                // The clock is read every 64th poll, not on each: it costs ~24 ns, a message less.
                if ((polls++ & 63) == 0) {
                    long now = System.nanoTime();
                    lastArrival = now;
                    if (first == 0) {
                        first = now;
                    }
                    else if (markCount < 0 && now - first >= warmupNanos) {
                        markCount = received;
                        markTime = now;
                    }
                    else if (markCount >= 0 && endCount < 0 && now - markTime >= windowNanos) {
                        endCount = received;
                        endTime = now;
                        peer.tell("stop"); // what is still in flight is drained, not counted
                    }
                }
            }
            awaitDone(peer);
            return (endCount - markCount) / ((endTime - markTime) / 1e3);
        }
    }

    /**
     * Ping-pong over two rings of the cell's kind, one per direction; the peer echoes each
     * sequence number until {@link #END}.
     * @return p50 and p99 in µs
     */
    private double[] roundTrip(Jvm peer, RingCell cell, RingCell.Contender contender) throws Exception {
        String ping = name(contender);
        String pong = name(contender);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Channel out = create(cell, contender, ping); Removal pingRemoval = out::remove;
                Channel in = create(cell, contender, pong); Removal pongRemoval = in::remove) {
            peer.tell(String.join(" ", "echo", cell.topology().name(), cell.form().name(),
                    Integer.toString(cell.ringBytes()), Integer.toString(cell.size()), contender.name(), ping, pong));
            peer.awaitReady();
            long warmup = this.timing.roundTrips() / 4;
            long total = warmup + this.timing.roundTrips();
            EchoRounds.run(out, in, warmup, total, histogram, STALL_NANOS);
            out.send(END);
            awaitDone(peer);
        }
        return new double[] { histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3 };
    }

    /** The placement probe's round trip just now, ns (the peer answers it). */
    private double probe(Jvm peer, PlacementProbe probe, String name) throws IOException {
        peer.tell("probe " + name);
        peer.awaitReady();
        double nanos = probe.roundTripNanos(this.timing.probeRounds());
        awaitDone(peer);
        return nanos;
    }

    /** A name unique in this run: the tag, a counter, the contender (none for the probe). */
    private String name(RingCell.Contender contender) {
        return this.tag + "-" + (this.names++) + "-" + ((contender != null) ? contender.id : "probe");
    }

    /**
     * Creates the ring and registers its removal (for a JVM stopped in the middle) before anything
     * else can fail; the cell removes it itself when done (removing twice is harmless).
     */
    private static Channel create(RingCell cell, RingCell.Contender contender, String name) {
        Channel channel = cell.open(contender, name, true);
        Cleanup.register(channel::remove);
        return channel;
    }

    /**
     * Removes a ring's name when the cell is done, before its mapping is closed (resources close
     * in reverse order). Not {@link Cleanup#runAll()}: that would also stop the peer, which serves
     * the next cells.
     */
    @FunctionalInterface
    private interface Removal extends AutoCloseable {

        @Override
        void close();
    }

    private static void awaitDone(Jvm peer) throws IOException {
        String line = peer.readLine();
        if (!"DONE".equals(line)) {
            throw new IllegalStateException("peer did not finish; it said: " + line);
        }
    }

    private static void stallCheck(long since) {
        if (System.nanoTime() - since > STALL_NANOS) {
            throw new IllegalStateException("no message within " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
        }
    }

    /** A window's figure and the placement probes around it. */
    private static void result(RingCell cell, RingCell.Contender contender, String metric, int pair, double value,
            double probeBefore, double probeAfter) {
        result(cell, contender, metric, pair, value);
        result(cell, contender, metric + MatrixResults.PROBE_BEFORE, pair, probeBefore);
        result(cell, contender, metric + MatrixResults.PROBE_AFTER, pair, probeAfter);
    }

    private static void result(RingCell cell, RingCell.Contender contender, String metric, int pair, double value) {
        System.out.println("RESULT|" + cell.id() + "|" + contender.id + "|" + metric + "|" + pair + "|"
                + String.format("%.4f", value));
        System.out.flush();
    }
}
