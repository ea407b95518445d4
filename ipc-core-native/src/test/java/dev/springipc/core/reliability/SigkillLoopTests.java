package dev.springipc.core.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcBarrierBrokenException;
import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL at random moments, round after round, of producers, consumers, lock holders and
 * barrier parties (child JVMs): the survivor never hangs past {@link #BOUND}, nothing committed
 * is lost or duplicated beyond what the kind documents, and nothing is left after the final
 * clean stop ({@link IpcCleanup} fails the test otherwise). Rounds per loop:
 * {@code -Dipc.kill.rounds} (6 by default; the documented full run takes 50). The moments come
 * from a seeded generator ({@code KILL-SEED}, replay with {@code -Dipc.test.seed}).
 */
class SigkillLoopTests {

    private static final int ROUNDS = Integer.getInteger("ipc.kill.rounds", 6);

    /** The longest any survivor may take to work again after a kill. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    private static final Random RANDOM = seeded();

    /**
     * Bytes of a consumer's ledger: one per message of a round. A round's sender stops at this
     * many; a fast queue sends some 10^5 in the 10-310 ms before the kill.
     */
    private static final int LEDGER_SIZE = 1 << 18;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private static Random seeded() {
        long seed = Long.getLong("ipc.test.seed", System.nanoTime());
        System.out.println("KILL-SEED " + seed);
        return new Random(seed);
    }

    /** A random moment for the kill: somewhere in the first {@code upToMillis} of the victim's work. */
    private static void untilARandomMoment(int upToMillis) throws InterruptedException {
        Thread.sleep(10 + RANDOM.nextInt(upToMillis));
    }

    @ParameterizedTest
    @EnumSource(QueueKind.class)
    void aProducerKilledAtARandomMomentLeavesEveryCommittedMessageExactlyOnceAndInOrder(QueueKind kind)
            throws Exception {
        KillTally tally = new KillTally("producer " + kind);
        String name = kind.newName(this.cleanup);
        String committedName = this.cleanup.posixName("committed");
        try (IpcChannel queue = kind.create(name);
                IpcSharedSegment committed = IpcSharedSegment.builder(committedName).size(4096)
                    .create(CreateMode.CREATE_ONLY)
                    .open()) {
            long reclaimedBefore = reclaimed(queue);
            for (int round = 0; round < ROUNDS; round++) {
                committed.putLong(0, 0);
                int id = producer(round);
                Receiver receiver = Receiver.start(queue);
                try (PeerProcess producer = ChildJvm.start(KillPeer.class, "produce", kind.name(), name,
                        String.valueOf(id), committedName)) {
                    producer.awaitLine("READY", PEER_TIMEOUT);
                    untilARandomMoment(300);
                    long killedAt = System.nanoTime();
                    producer.kill();
                    long committedSends = committed.getLong(0);
                    // A handle of our own sends the probe: a single-producer ring hands the dead
                    // producer's place to it. Behind everything the producer wrote, it proves the
                    // receiver has seen all of that.
                    try (IpcChannel prober = kind.open(name)) {
                        prober.send(TestMessage.payload(TestMessage.PROBE, 0));
                        tally.round(receiver.awaitProbe(BOUND) - killedAt);
                    }
                    List<TestMessage> received = receiver.stop();
                    assertThat(received.stream().filter((message) -> !message.intact() || message.producer() != id))
                        .as("round %d of %s: messages not intact or not of producer %d", round, kind, id)
                        .isEmpty();
                    // Exactly the committed sends, in order, plus at most the one whose send had
                    // returned when the kill came before the count was stored.
                    assertThat(firstOutOfSequence(received)).as("round %d of %s: first message out of sequence",
                            round, kind).isEqualTo(-1);
                    assertThat((long) received.size()).as("round %d of %s: committed %d", round, kind, committedSends)
                        .isBetween(committedSends, committedSends + 1);
                    tally.messages(received.size(), 0, 0);
                }
                finally {
                    receiver.close();
                }
            }
            long skipped = reclaimed(queue) - reclaimedBefore;
            tally.hits(skipped);
            tally.print("half-written-records-skipped");
            queue.unlink();
            committed.unlink();
        }
    }

    /** The producer id of a round's child: the round number. */
    private static int producer(int round) {
        return round;
    }

    private static long reclaimed(IpcChannel queue) {
        return (queue instanceof IpcShmQueue ring) ? ring.reclaimed() : 0;
    }

    /** The index of the first message whose seq is not its index, or -1: linear, for 10^5 messages a round. */
    private static int firstOutOfSequence(List<TestMessage> received) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).seq() != i) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> range(int size) {
        return java.util.stream.IntStream.range(0, size).boxed().toList();
    }

    /**
     * A consumer killed at a random moment, most often inside its handler: with {@code receive}
     * the message is the consumer's once the call returns, so the one it was handling is lost and
     * nothing is duplicated (at most once); with the shm ring's {@code poll} the message stays in
     * the ring until the handler returns, so the one it was handling is delivered again and
     * nothing is lost (at least once). Everything else arrives exactly once.
     */
    @ParameterizedTest
    @CsvSource({ "POSIX, receive", "SYSV, receive", "SHM, receive", "SHM, poll", "SHM_SINGLE_CONSUMER, receive",
            "SHM_SINGLE_CONSUMER, poll" })
    void aConsumerKilledAtARandomMomentLosesOrRepeatsOnlyTheMessageItWasHandling(QueueKind kind, String mode)
            throws Exception {
        boolean poll = mode.equals("poll");
        KillTally tally = new KillTally("consumer " + kind + " " + mode);
        consumerKillLoop(kind, mode, tally,
                (round, marks, drained, sender) -> check(kind, mode, round, marks, drained, poll, tally));
        tally.print("kills-inside-the-handler");
    }

    /**
     * The one reader of a FIFO killed at a random moment, most often inside its handler, and a
     * new reader opened. If the writer (the test) writes first, it must learn of the kill within
     * the bound: its write fails with {@link IpcPeerGoneException} (EPIPE; the JVM ignores
     * SIGPIPE) and closes the writing end, which frees the pipe with what it held, and the send
     * after waits for the new reader, which gets every message sent from then on. If the new
     * reader comes first, the pipe lives on, and the new reader gets what it held. Either way
     * what arrives is whole, in order and once (see {@link FifoReaderRule}).
     */
    @ParameterizedTest
    @EnumSource(FifoReaderRule.Order.class)
    void aFifoReaderKilledAtARandomMomentLosesOnlyWhatItHeldAndWhatThePipeHeldIfTheWriterSawItGone(
            FifoReaderRule.Order order) throws Exception {
        KillTally tally = new KillTally("consumer FIFO receive, " + order.name().toLowerCase().replace('_', ' '));
        FifoReaderRule rule = new FifoReaderRule(order, tally);
        consumerKillLoop(QueueKind.FIFO, "receive", tally, rule);
        tally.print("kills-inside-the-handler");
        rule.printWriterFigures();
    }

    /**
     * The rounds of a consumer-kill loop: a child consumes while the test sends, the kill comes,
     * a new handle of the test drains, and {@code rule} checks the child's ledger and the drained
     * messages against what the sender committed.
     */
    private void consumerKillLoop(QueueKind kind, String mode, KillTally tally, ConsumerRule rule) throws Exception {
        String name = kind.newName(this.cleanup);
        String ledgerName = this.cleanup.posixName("ledger");
        try (IpcChannel queue = kind.create(name);
                IpcSharedSegment ledger = IpcSharedSegment.builder(ledgerName).size(LEDGER_SIZE)
                    .create(CreateMode.CREATE_ONLY)
                    .open()) {
            for (int round = 0; round < ROUNDS; round++) {
                ledger.write(0, new byte[LEDGER_SIZE]);
                try (PeerProcess consumer = ChildJvm.start(KillPeer.class, "consume", kind.name(), name, mode,
                        ledgerName)) {
                    consumer.awaitLine("READY", PEER_TIMEOUT);
                    Sender sender = Sender.start(queue, producer(round), LEDGER_SIZE);
                    untilARandomMoment(300);
                    rule.beforeKill(sender);
                    long killedAt = System.nanoTime();
                    consumer.kill();
                    rule.afterKill(sender, killedAt);
                    // A new handle drains: a single-consumer ring hands it the dead consumer's
                    // place; a shared ring's consumer lock, if the kill came inside a read.
                    try (IpcChannel drain = kind.open(name); Receiver receiver = Receiver.start(drain)) {
                        int sent = sender.stop();
                        awaitEmpty(queue);
                        receiver.awaitQuiet(Duration.ofMillis(200), BOUND);
                        List<TestMessage> drained = receiver.stop();
                        long firstAfterKill = receiver.firstArrival();
                        tally.round((firstAfterKill == 0) ? 0 : firstAfterKill - killedAt);
                        assertThat(sent).as("messages a round's ledger holds").isLessThanOrEqualTo(LEDGER_SIZE);
                        byte[] marks = new byte[sent];
                        ledger.read(0, marks);
                        rule.check(round, marks, drained, sender);
                    }
                }
            }
            queue.unlink();
            ledger.unlink();
        }
    }

    /** What a kind promises when its consumer is killed: checked round by round. */
    @FunctionalInterface
    private interface ConsumerRule {

        /** Just before the kill; a queue's sender needs nothing. */
        default void beforeKill(Sender sender) throws InterruptedException {
        }

        /** Between the kill and the new consumer's open; a queue's sender needs nothing. */
        default void afterKill(Sender sender, long killedAt) throws InterruptedException {
        }

        /** {@code marks}: the dead consumer's ledger, one byte per committed message. */
        void check(int round, byte[] marks, List<TestMessage> drained, Sender sender);
    }

    /**
     * The FIFO's rule. The kill closes the only reading end. The dead reader took messages 0 to
     * k-1, in order (the last perhaps still in its handler), and it read one frame at a time
     * (its decoder has room for one frame of this size), so it held at most the next one, taken
     * but not yet in its ledger. What happens to the rest depends on who comes first:
     * <ul>
     * <li>{@link Order#WRITER_FIRST}: the writer's next write fails with EPIPE, and closing the
     * writing end frees the pipe with what it held (a pipe lives only as long as a descriptor of
     * it). Exactly one send finds the reader gone, within the bound; the messages from k up to
     * those committed before that send are lost, at most what the pipe held plus the one in the
     * reader's hands; the new reader gets exactly those committed after it.</li>
     * <li>{@link Order#READER_FIRST}: the writer pauses before the kill, and the new reader opens
     * while the writing end keeps the pipe alive. No send finds the reader gone; at most the one
     * message in the dead reader's hands is lost, and the new reader gets every other one.</li>
     * </ul>
     * Whatever arrives is whole, in order, and once.
     */
    static final class FifoReaderRule implements ConsumerRule {

        /** Who acts first after the kill: the writer, or a new reader. */
        enum Order {
            WRITER_FIRST, READER_FIRST
        }

        /** A pipe's capacity unless changed with F_SETPIPE_SZ: 16 pages. */
        private static final int PIPE_CAPACITY = 65536;

        /** A frame of these tests on the FIFO: the 4-byte length prefix and the payload. */
        private static final int FRAME = 4 + QueueKind.MAX_MESSAGE_SIZE;

        private final Order order;

        private final KillTally tally;

        private long writerSawMaxNanos;

        private long writerSawSumNanos;

        private int writerSaw;

        FifoReaderRule(Order order, KillTally tally) {
            this.order = order;
            this.tally = tally;
        }

        @Override
        public void beforeKill(Sender sender) throws InterruptedException {
            if (this.order == Order.READER_FIRST) {
                sender.pause(BOUND);
            }
        }

        @Override
        public void afterKill(Sender sender, long killedAt) throws InterruptedException {
            if (this.order == Order.WRITER_FIRST) {
                // The new reader opens only once the writer has seen the old one gone.
                long sawIt = sender.awaitPeerGone(BOUND).atNanos() - killedAt;
                this.writerSaw++;
                this.writerSawMaxNanos = Math.max(this.writerSawMaxNanos, sawIt);
                this.writerSawSumNanos += sawIt;
            }
        }

        @Override
        public void check(int round, byte[] marks, List<TestMessage> drained, Sender sender) {
            int sent = marks.length;
            int taken = takenInOrder(round, marks);
            if (taken > 0 && marks[taken - 1] == KillPeer.TAKEN) {
                this.tally.hit();
            }
            assertThat(drained).as("round %d of the FIFO, %s: frames whole", round, this.order)
                .allMatch(TestMessage::intact);
            List<Sender.PeerGone> peersGone = sender.peersGone();
            int firstDrained = (drained.isEmpty()) ? sent : drained.get(0).seq();
            long lost = firstDrained - taken;
            String story = String.format("round %d of the FIFO, %s: sent %d, taken by the dead reader %d, sends"
                    + " that found it gone %s, drained %d from %d", round, this.order, sent, taken, peersGone,
                    drained.size(), firstDrained);
            if (this.order == Order.WRITER_FIRST) {
                assertThat(peersGone).as(story).hasSize(1);
                assertThat(firstDrained).as(story).isEqualTo(peersGone.get(0).committed());
                assertThat(lost).as(story).isBetween(0L, (long) PIPE_CAPACITY / FRAME + 1);
            }
            else {
                assertThat(peersGone).as(story).isEmpty();
                assertThat(lost).as(story).isBetween(0L, 1L);
            }
            assertThat(drained.stream().map(TestMessage::seq).toList()).as(story)
                .isEqualTo(range(sent).subList(firstDrained, sent));
            this.tally.messages(sent, lost, 0);
        }

        /** How many messages the ledger shows taken: 0 to k-1, in order, all handled but perhaps the last. */
        private static int takenInOrder(int round, byte[] marks) {
            int taken = 0;
            while (taken < marks.length && marks[taken] != 0) {
                assertThat(marks[taken]).as("round %d: checksum of message %d in the reader", round, taken)
                    .isNotEqualTo(KillPeer.CORRUPT);
                taken++;
            }
            for (int seq = taken; seq < marks.length; seq++) {
                assertThat(marks[seq]).as("round %d: the reader took messages in order, %d after a gap at %d", round,
                        seq, taken).isZero();
            }
            for (int seq = 0; seq < taken - 1; seq++) {
                assertThat(marks[seq]).as("round %d: only the last message the reader took is unfinished", round)
                    .isEqualTo(KillPeer.HANDLED);
            }
            return taken;
        }

        void printWriterFigures() {
            if (this.order == Order.WRITER_FIRST) {
                System.out.printf("KILL-LOOP consumer FIFO receive, writer first: the writer saw the reader gone"
                        + " max=%dms avg=%dms%n", TimeUnit.NANOSECONDS.toMillis(this.writerSawMaxNanos),
                        (this.writerSaw == 0) ? 0
                                : TimeUnit.NANOSECONDS.toMillis(this.writerSawSumNanos / this.writerSaw));
            }
        }
    }

    /** Waits until a queue holds nothing; a stream has no depth, and the quiet wait that follows covers it. */
    private static void awaitEmpty(IpcChannel channel) throws InterruptedException {
        if (!(channel instanceof IpcMessageQueue queue)) {
            return;
        }
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (queue.depth() > 0) {
            assertThat(System.nanoTime()).as("%s drained within %s", queue.name(), BOUND).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void check(QueueKind kind, String mode, int round, byte[] marks, List<TestMessage> drained,
            boolean poll, KillTally tally) {
        int sent = marks.length;
        Map<Integer, Integer> deliveries = new HashMap<>();
        Integer inHandler = null;
        for (int seq = 0; seq < sent; seq++) {
            assertThat(marks[seq]).as("round %d: checksum of message %d in the consumer", round, seq)
                .isNotEqualTo(KillPeer.CORRUPT);
            if (marks[seq] != 0) {
                deliveries.merge(seq, 1, Integer::sum);
            }
            if (marks[seq] == KillPeer.TAKEN) {
                assertThat(inHandler).as("round %d: one message in the handler at most", round).isNull();
                inHandler = seq;
            }
        }
        for (TestMessage message : drained) {
            assertThat(message.intact()).isTrue();
            deliveries.merge(message.seq(), 1, Integer::sum);
        }
        List<Integer> lostSeqs = range(sent).stream().filter((seq) -> !deliveries.containsKey(seq)).toList();
        List<Integer> duplicatedSeqs = deliveries.entrySet().stream().filter((entry) -> entry.getValue() > 1)
            .map(Map.Entry::getKey).sorted().toList();
        long lost = lostSeqs.size();
        long duplicated = deliveries.values().stream().mapToLong((count) -> count - 1).sum();
        String story = String.format("round %d of %s %s: sent %d, in the handler at the kill %s, lost %s,"
                + " duplicated %s", round, kind, mode, sent, inHandler, lostSeqs, duplicatedSeqs);
        if (inHandler != null) {
            tally.hit();
        }
        if (poll) {
            // At least once: nothing lost; only the message in the handler (or just handled,
            // its head not yet moved) comes again.
            assertThat(lost).as(story).isZero();
            assertThat(duplicated).as(story).isLessThanOrEqualTo(1);
            if (inHandler != null) {
                assertThat(deliveries.get(inHandler)).as(story).isEqualTo(2);
            }
        }
        else {
            // At most once: nothing duplicated; only the message the consumer had taken when the
            // kill came can be gone, and it is counted as delivered if the kill came after its
            // mark (in the handler), as lost if before (between the receive and the mark).
            assertThat(duplicated).as(story).isZero();
            assertThat(lost).as(story).isLessThanOrEqualTo(1);
        }
        tally.messages(sent, lost, duplicated);
    }

    @ParameterizedTest
    @CsvSource({ "hold-mutex", "hold-spin-lock" })
    void aLockHolderKilledAtARandomMomentLeavesALockTheNextLockerGetsWithinTheBound(String command)
            throws Exception {
        boolean mutexKind = command.equals("hold-mutex");
        KillTally tally = new KillTally(mutexKind ? "mutex holder" : "spin lock holder");
        String name = this.cleanup.posixName("lock");
        String stateName = this.cleanup.posixName("state");
        try (IpcSharedSegment state = IpcSharedSegment.builder(stateName).size(4096).create(CreateMode.CREATE_ONLY)
            .open(); SharedLock guard = mutexKind ? SharedLock.mutex(name) : SharedLock.spinLock(name)) {
            for (int round = 0; round < ROUNDS; round++) {
                try (PeerProcess holder = ChildJvm.start(KillPeer.class, command, name, stateName)) {
                    holder.awaitLine("READY", PEER_TIMEOUT);
                    untilARandomMoment(300);
                    long killedAt = System.nanoTime();
                    holder.kill();
                    assertThat(guard.lock().tryLock(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                        .as("round %d: locked within %s", round, BOUND).isTrue();
                    try {
                        tally.round(System.nanoTime() - killedAt);
                        if (guard.previousHolderDied().getAsBoolean()) {
                            // Taken over: the state may be half-updated, and is repaired.
                            tally.hit();
                            state.putLong(8, state.getLong(0));
                        }
                        // Not taken over: the holder was outside the lock, and the state whole.
                        assertThat(state.getLong(8)).as("round %d", round).isEqualTo(state.getLong(0));
                    }
                    finally {
                        guard.lock().unlock();
                    }
                }
            }
            tally.print("kills-while-holding");
            guard.resource().unlink();
            state.unlink();
        }
    }

    /**
     * Three parties: two threads of the test, each with its own handle, and the child. One test
     * party comes back to the barrier within 2 ms of a crossing, the other within 150 ms, so the
     * kill often finds the child waiting with the first: the round breaks for that one as soon
     * as it sees the dead party (its arrival would otherwise still count when the second comes).
     * A kill while the child is on its way ends the round by a timeout. Both within the bound.
     */
    @Test
    void aBarrierPartyKilledAtARandomMomentEndsTheRoundOfTheOthersWithinTheBound() throws Exception {
        KillTally tally = new KillTally("barrier party");
        String name = this.cleanup.posixName("barrier");
        Duration await = Duration.ofSeconds(1);
        try (IpcBarrier barrier = IpcBarrier.builder(name).parties(3).create(CreateMode.CREATE_ONLY).open();
                IpcBarrier second = IpcBarrier.builder(name).parties(3).create(CreateMode.OPEN_ONLY).open()) {
            for (int round = 0; round < ROUNDS; round++) {
                barrier.reset();
                try (PeerProcess party = ChildJvm.start(KillPeer.class, "barrier-party", name)) {
                    party.awaitLine("READY", PEER_TIMEOUT);
                    AtomicLong crossings = new AtomicLong();
                    CompletableFuture<RoundEnd> quick = crossUntilTheRoundEnds(barrier, await, 3, crossings);
                    CompletableFuture<RoundEnd> slow = crossUntilTheRoundEnds(second, await, 150, crossings);
                    awaitFirstCrossing(crossings, round);
                    untilARandomMoment(300);
                    long killedAt = System.nanoTime();
                    party.kill();
                    RoundEnd one = quick.get(await.plus(BOUND).toMillis(), TimeUnit.MILLISECONDS);
                    RoundEnd two = slow.get(await.plus(BOUND).toMillis(), TimeUnit.MILLISECONDS);
                    if (one.partyDied() || two.partyDied()) {
                        tally.hit();
                    }
                    long recovered = Math.max(one.endedAt(), two.endedAt()) - killedAt;
                    assertThat(recovered).as("round %d", round).isLessThan(await.plus(BOUND).toNanos());
                    tally.round(recovered);
                }
            }
            tally.print("kills-breaking-a-waiter");
            barrier.unlink();
        }
    }

    private static void awaitFirstCrossing(AtomicLong crossings, int round) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (crossings.get() == 0) {
            assertThat(System.nanoTime()).as("round %d: the three parties cross before the kill", round)
                .isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** How a test party's round ended: whether a dead party broke it, and when. */
    private record RoundEnd(boolean partyDied, long endedAt) {
    }

    private static CompletableFuture<RoundEnd> crossUntilTheRoundEnds(IpcBarrier barrier, Duration await,
            int pauseUpToMillis, AtomicLong crossings) {
        CompletableFuture<RoundEnd> end = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    barrier.await(await);
                    crossings.incrementAndGet();
                    Thread.sleep(RANDOM.nextInt(pauseUpToMillis));
                }
            }
            catch (IpcBarrierBrokenException ex) {
                // Broken by the dead party, or by the other test party's timeout.
                end.complete(new RoundEnd(ex.getMessage().contains("died while waiting"), System.nanoTime()));
            }
            catch (IpcTimeoutException ex) {
                end.complete(new RoundEnd(false, System.nanoTime()));
            }
            catch (Throwable ex) {
                end.completeExceptionally(ex);
            }
        }, "barrier-party");
        thread.start();
        return end;
    }

    @Test
    void aSystemVSemaphoreHolderKilledAtARandomMomentGivesItsPermitBack() throws Exception {
        KillTally tally = new KillTally("System V semaphore holder");
        int key = this.cleanup.sysvKey("semaphore");
        String heldName = this.cleanup.posixName("held");
        try (IpcSemaphore semaphore = IpcSemaphore.sysv(key).permits(1).create(CreateMode.CREATE_ONLY).open();
                IpcSharedSegment held = IpcSharedSegment.builder(heldName).size(4096)
                    .create(CreateMode.CREATE_ONLY)
                    .open()) {
            for (int round = 0; round < ROUNDS; round++) {
                held.write(0, new byte[1]);
                try (PeerProcess holder = ChildJvm.start(KillPeer.class, "hold-sysv-semaphore", String.valueOf(key),
                        heldName)) {
                    holder.awaitLine("READY", PEER_TIMEOUT);
                    untilARandomMoment(300);
                    long killedAt = System.nanoTime();
                    holder.kill();
                    byte[] mark = new byte[1];
                    held.read(0, mark);
                    if (mark[0] == 1) {
                        // It died holding the permit: SEM_UNDO must give it back.
                        tally.hit();
                    }
                    assertThat(semaphore.tryAcquire(BOUND)).as("round %d: acquired within %s", round, BOUND).isTrue();
                    tally.round(System.nanoTime() - killedAt);
                    assertThat(semaphore.availablePermits()).as("no permit gained").isZero();
                    semaphore.release();
                }
            }
            tally.print("kills-while-holding");
            semaphore.unlink();
            held.unlink();
        }
    }

    /** The mutex or the spin lock, for the one loop that runs over both. */
    private record SharedLock(Lock lock, IpcResource resource, BooleanSupplier previousHolderDied)
            implements AutoCloseable {

        static SharedLock mutex(String name) {
            IpcMutex mutex = IpcMutex.builder(name).create(CreateMode.CREATE_ONLY).open();
            return new SharedLock(mutex, mutex, mutex::previousOwnerDied);
        }

        static SharedLock spinLock(String name) {
            IpcSpinLock lock = IpcSpinLock.builder(name).create(CreateMode.CREATE_ONLY).open();
            return new SharedLock(lock, lock, lock::previousHolderDied);
        }

        @Override
        public void close() {
            this.resource.close();
        }
    }
}
