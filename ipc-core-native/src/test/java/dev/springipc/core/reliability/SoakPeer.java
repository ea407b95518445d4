package dev.springipc.core.reliability;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcSharedSegment;

import static dev.springipc.testsupport.ChildJvm.say;

/**
 * A producer or consumer process of {@link SoakTests}: one thread per carrier, all at once.
 * Prints {@code SAMPLE fds maps threads} of its own {@code /proc/self} once every carrier has
 * moved a message (warm), every half second, and when all are done (before they close); a consumer also prints its
 * checks per carrier and writes which messages it got to a file. It then waits for its stdin
 * to close before it exits, so that no line is lost on the way out.
 */
public final class SoakPeer {

    private static final long SAMPLE_EVERY_MILLIS = 500;

    private SoakPeer() {
    }

    /**
     * {@code produce <id> <per-producer> <kind=name>...} or
     * {@code consume <index> <producers> <per-producer> <counter segment> <result dir> <kind=name>...}.
     */
    public static void main(String[] args) throws Exception {
        boolean producing = args[0].equals("produce");
        int id = Integer.parseInt(args[1]);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        int firstCarrier = producing ? 3 : 6;
        int carriers = args.length - firstCarrier;
        CountDownLatch warm = new CountDownLatch(carriers);
        CountDownLatch finished = new CountDownLatch(carriers);
        CountDownLatch sampled = new CountDownLatch(1);
        IpcSharedSegment counters = producing ? null
                : IpcSharedSegment.builder(args[4]).create(CreateMode.OPEN_ONLY).open();
        for (int i = firstCarrier; i < args.length; i++) {
            QueueKind kind = QueueKind.valueOf(args[i].substring(0, args[i].indexOf('=')));
            IpcChannel channel = kind.open(args[i].substring(args[i].indexOf('=') + 1));
            Runnable work = producing ? () -> produce(channel, id, Integer.parseInt(args[2]), warm)
                    : () -> consume(kind, channel, id, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                            counters, Path.of(args[5]), warm);
            Thread worker = new Thread(() -> {
                try (channel) {
                    work.run();
                }
                catch (Throwable ex) {
                    synchronized (failures) {
                        failures.add(ex);
                    }
                    warm.countDown();
                }
                finally {
                    // The last sample is of a working process, before the channels close.
                    finished.countDown();
                    awaitQuietly(sampled);
                }
            }, "soak-" + kind);
            workers.add(worker);
        }
        say("READY");
        workers.forEach(Thread::start);
        warm.await();
        say("SAMPLE " + ProcessSample.now().format());
        while (!finished.await(SAMPLE_EVERY_MILLIS, TimeUnit.MILLISECONDS)) {
            say("SAMPLE " + ProcessSample.now().format());
        }
        say("SAMPLE " + ProcessSample.now().format());
        sampled.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        failures.forEach((failure) -> say("FAILED " + failure));
        if (counters != null) {
            counters.close();
        }
        say("DONE");
        // Wait for the parent to have read everything.
        while (System.in.read() >= 0) {
            // Discard.
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void produce(IpcChannel channel, int producer, int count, CountDownLatch warm) {
        try {
            for (int seq = 0; seq < count; seq++) {
                channel.send(TestMessage.payload(producer, seq));
                if (seq == 0) {
                    warm.countDown();
                }
            }
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Receives until the consumers together have had every message of this carrier (the shared
     * counter) and nothing more comes; checks each message's checksum and that each producer's
     * sequence numbers only rise; writes the sequence numbers it got, per producer, to a file.
     */
    private static void consume(QueueKind kind, IpcChannel channel, int consumer, int producers, int perProducer,
            IpcSharedSegment counters, Path results, CountDownLatch warm) {
        long total = (long) producers * perProducer;
        int counterOffset = kind.ordinal() * 64;
        BitSet[] seen = new BitSet[producers];
        int[] last = new int[producers];
        for (int p = 0; p < producers; p++) {
            seen[p] = new BitSet(perProducer);
            last[p] = -1;
        }
        AtomicLong corrupt = new AtomicLong();
        long outOfOrder = 0;
        long duplicated = 0;
        long received = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Optional<IpcMessage> message = channel.receive(Duration.ofMillis(100));
                if (message.isEmpty()) {
                    if (counters.getLong(counterOffset) >= total) {
                        break;
                    }
                    continue;
                }
                TestMessage decoded = TestMessage.of(message.get());
                if (!decoded.intact() || decoded.producer() < 0 || decoded.producer() >= producers
                        || decoded.seq() < 0 || decoded.seq() >= perProducer) {
                    corrupt.incrementAndGet();
                    continue;
                }
                if (received++ == 0) {
                    warm.countDown();
                }
                counters.getAndAddLong(counterOffset, 1);
                int p = decoded.producer();
                if (seen[p].get(decoded.seq())) {
                    duplicated++;
                }
                seen[p].set(decoded.seq());
                if (decoded.seq() <= last[p]) {
                    outOfOrder++;
                }
                last[p] = decoded.seq();
            }
            if (received == 0) {
                warm.countDown();
            }
            write(results.resolve(kind + "." + consumer), seen);
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
        say("CHECKED " + kind + " received=" + received + " corrupt=" + corrupt + " out-of-order=" + outOfOrder
                + " duplicated=" + duplicated);
    }

    private static void write(Path file, BitSet[] seen) {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (BitSet bits : seen) {
                long[] words = bits.toLongArray();
                out.writeInt(words.length);
                for (long word : words) {
                    out.writeLong(word);
                }
            }
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
