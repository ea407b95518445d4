package dev.springipc.core.reliability;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcStream;

import static dev.springipc.testsupport.ChildJvm.say;

/**
 * The process {@link SigkillLoopTests} kills: a child JVM that works on an object the test
 * created, forever, until SIGKILL ends it at a moment it does not choose. It only opens, so the
 * test process owns and removes everything.
 */
public final class KillPeer {

    /** How long a consumer "handles" a message, so that many kills land inside a handler. */
    private static final Duration HANDLING = Duration.ofMillis(2);

    /** Ledger marks of a consumer: the message is its own, its handling is over, its checksum failed. */
    static final byte TAKEN = 1;

    static final byte HANDLED = 2;

    static final byte CORRUPT = 3;

    private KillPeer() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "produce" -> produce(QueueKind.valueOf(args[1]), args[2], Integer.parseInt(args[3]), args[4]);
            case "consume" -> consume(QueueKind.valueOf(args[1]), args[2], args[3].equals("poll"), args[4]);
            case "hold-mutex" -> {
                try (IpcMutex mutex = IpcMutex.builder(args[1]).create(CreateMode.OPEN_ONLY).open()) {
                    updateUnder(mutex, args[2]);
                }
            }
            case "hold-spin-lock" -> {
                try (IpcSpinLock lock = IpcSpinLock.builder(args[1]).create(CreateMode.OPEN_ONLY).open()) {
                    updateUnder(lock, args[2]);
                }
            }
            case "barrier-party" -> {
                try (IpcBarrier barrier = IpcBarrier.builder(args[1]).parties(3).create(CreateMode.OPEN_ONLY).open()) {
                    say("READY");
                    while (true) {
                        barrier.await(Duration.ofSeconds(30));
                    }
                }
            }
            case "hold-sysv-semaphore" -> {
                // Byte 0 of the segment is 1 while the permit is held (a moment longer, in fact).
                try (IpcSemaphore semaphore = IpcSemaphore.sysv(Integer.parseInt(args[1]))
                    .create(CreateMode.OPEN_ONLY)
                    .open();
                        IpcSharedSegment held = IpcSharedSegment.builder(args[2]).create(CreateMode.OPEN_ONLY).open()) {
                    say("READY");
                    byte[] holding = { 1 };
                    byte[] free = { 0 };
                    while (true) {
                        semaphore.acquire();
                        held.write(0, holding);
                        spin(Duration.ofMillis(1));
                        held.write(0, free);
                        semaphore.release();
                        spin(Duration.ofMillis(1));
                    }
                }
            }
            default -> throw new IllegalArgumentException("Unknown command " + args[0]);
        }
    }

    /**
     * Sends numbered messages without end; after each send has returned (the message is
     * committed) it stores how many have, so the test knows what must arrive.
     */
    private static void produce(QueueKind kind, String name, int producer, String committedSegment)
            throws InterruptedException {
        try (IpcChannel queue = kind.open(name);
                IpcSharedSegment committed = IpcSharedSegment.builder(committedSegment).create(CreateMode.OPEN_ONLY)
                    .open()) {
            say("READY");
            for (int seq = 0;; seq++) {
                queue.send(TestMessage.payload(producer, seq));
                committed.putLong(0, seq + 1);
            }
        }
    }

    /**
     * Receives without end and notes in the ledger segment what it handles: byte {@code seq}
     * becomes {@link #TAKEN} once the message is its own and {@link #HANDLED} when its (short)
     * handling is over. With {@code poll}, both are written inside the handler, while the ring
     * still holds the message. A ledger, not stdout: lines written just before a SIGKILL can be
     * lost on their way to the parent.
     */
    private static void consume(QueueKind kind, String name, boolean poll, String ledgerName)
            throws InterruptedException {
        try (IpcChannel queue = kind.open(name);
                IpcSharedSegment ledger = IpcSharedSegment.builder(ledgerName).create(CreateMode.OPEN_ONLY).open()) {
            if (queue instanceof IpcStream) {
                // A FIFO opens its reading end at the first receive: open it before READY, so
                // that the writer the test starts then finds a reader, and every kill kills one.
                queue.receive(Duration.ZERO);
            }
            say("READY");
            if (poll) {
                IpcShmQueue ring = (IpcShmQueue) queue;
                while (true) {
                    int handled = ring.poll((buffer, offset, length, tag) -> handle(TestMessage.of(buffer, offset,
                            length), ledger), 1);
                    if (handled == 0) {
                        LockSupport.parkNanos(100_000);
                    }
                }
            }
            while (true) {
                Optional<IpcMessage> message = queue.receive(Duration.ofSeconds(30));
                if (message.isPresent()) {
                    handle(TestMessage.of(message.get()), ledger);
                }
            }
        }
    }

    private static void handle(TestMessage message, IpcSharedSegment ledger) {
        // An unreadable message is noted as such; the test fails on it.
        byte[] mark = { message.intact() ? TAKEN : CORRUPT };
        ledger.write(message.seq(), mark);
        spin(HANDLING);
        mark[0] = message.intact() ? HANDLED : CORRUPT;
        ledger.write(message.seq(), mark);
    }

    /**
     * Keeps two longs of a segment equal under the lock, in two steps with a pause between: a
     * holder killed between them leaves them different, which only a takeover may reveal.
     */
    private static void updateUnder(Lock lock, String segmentName) {
        try (IpcSharedSegment state = IpcSharedSegment.builder(segmentName).create(CreateMode.OPEN_ONLY).open()) {
            say("READY");
            while (true) {
                lock.lock();
                try {
                    long next = state.getLong(0) + 1;
                    state.putLong(0, next);
                    spin(Duration.ofMillis(1));
                    state.putLong(8, next);
                }
                finally {
                    lock.unlock();
                }
                spin(Duration.ofMillis(1));
            }
        }
    }

    /** Busy for {@code duration}: a sleep would make the kill land in a sleep more often than in work. */
    private static void spin(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
