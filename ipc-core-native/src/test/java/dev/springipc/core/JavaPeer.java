package dev.springipc.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import static dev.springipc.testsupport.ChildJvm.say;

/**
 * The other process in cross-process tests: a child JVM that uses the core API on objects the
 * test names, and reports what it saw on stdout. It only opens ({@link CreateMode#OPEN_ONLY}),
 * so the test process owns and removes everything.
 */
public final class JavaPeer {

    private JavaPeer() {
    }

    private static void countUnder(java.util.concurrent.locks.Lock lock, String[] args) {
        try (IpcSharedSegment counter = IpcSharedSegment.builder(args[2]).create(CreateMode.OPEN_ONLY).open()) {
            say("READY");
            long times = Long.parseLong(args[3]);
            for (long i = 0; i < times; i++) {
                lock.lock();
                try {
                    counter.putLong(0, counter.getLong(0) + 1);
                }
                finally {
                    lock.unlock();
                }
            }
            say("DONE");
        }
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        switch (args[0]) {
            case "sem-release" -> {
                try (IpcSemaphore semaphore = IpcSemaphore.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        semaphore.release();
                    }
                    say("RELEASED");
                }
            }
            case "sem-acquire" -> {
                try (IpcSemaphore semaphore = IpcSemaphore.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    say("READY");
                    boolean acquired = semaphore.tryAcquire(Duration.ofSeconds(Long.parseLong(args[2])));
                    say(acquired ? "ACQUIRED" : "TIMEOUT");
                }
            }
            case "shm-add" -> {
                try (IpcSharedSegment segment = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    say("SIZE " + segment.size());
                    long offset = Long.parseLong(args[2]);
                    long times = Long.parseLong(args[3]);
                    for (long i = 0; i < times; i++) {
                        segment.getAndAddLong(offset, 1);
                    }
                    byte[] text = new byte[Integer.parseInt(args[5])];
                    segment.read(Long.parseLong(args[4]), text);
                    say("TEXT " + new String(text, StandardCharsets.UTF_8));
                    say("DONE");
                }
            }
            case "mq-echo" -> {
                // Receives COUNT messages and sends each back uppercased with the priority it came with.
                try (IpcMessageQueue in = IpcMessageQueue.posix(name).create(CreateMode.OPEN_ONLY).open();
                        IpcMessageQueue out = IpcMessageQueue.posix(args[2]).create(CreateMode.OPEN_ONLY).open()) {
                    say("READY");
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        Optional<IpcMessage> message = in.receive(Duration.ofSeconds(20));
                        if (message.isEmpty()) {
                            say("TIMEOUT");
                            return;
                        }
                        String text = message.get().payloadAsString();
                        say("GOT " + message.get().priority() + " " + text);
                        out.send(text.toUpperCase().getBytes(StandardCharsets.UTF_8), message.get().priority());
                    }
                    say("DONE");
                }
            }
            case "fifo-echo" -> {
                // The far side of a FIFO pair: reads lines on one FIFO and answers on the other.
                IpcFifoPair.Builder builder = IpcFifoPair.builder(name, args[2]).directory(Path.of("/"))
                        .create(CreateMode.OPEN_ONLY).framing(Framing.valueOf(args[3]));
                try (IpcFifoPair pair = builder.open()) {
                    say("READY");
                    for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                        Optional<IpcMessage> message = pair.receive(Duration.ofSeconds(20));
                        if (message.isEmpty()) {
                            say("TIMEOUT");
                            return;
                        }
                        pair.send(("echo:" + message.get().payloadAsString()).getBytes(StandardCharsets.UTF_8));
                    }
                    say("DONE");
                }
            }
            case "mutex-count" -> {
                // Non-atomic read-modify-write under the lock: an exact total proves exclusion.
                try (IpcMutex mutex = IpcMutex.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    countUnder(mutex, args);
                }
            }
            case "spin-count" -> {
                try (IpcSpinLock lock = IpcSpinLock.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    countUnder(lock, args);
                }
            }
            case "mutex-hold" -> {
                IpcMutex mutex = IpcMutex.builder(name).create(CreateMode.OPEN_ONLY).open();
                mutex.lock();
                say("HOLDING");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "spin-hold" -> {
                IpcSpinLock lock = IpcSpinLock.builder(name).create(CreateMode.OPEN_ONLY).open();
                lock.lock();
                say("HOLDING");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "barrier-rounds" -> {
                // Each round: add 1 to a shared counter, cross, and check every party added its 1.
                int parties = Integer.parseInt(args[2]);
                int rounds = Integer.parseInt(args[3]);
                try (IpcBarrier barrier = IpcBarrier.builder(name).parties(parties).create(CreateMode.OPEN_ONLY).open();
                        IpcSharedSegment counter = IpcSharedSegment.builder(args[4]).create(CreateMode.OPEN_ONLY)
                                .open()) {
                    say("READY");
                    for (int round = 0; round < rounds; round++) {
                        counter.getAndAddLong(0, 1);
                        barrier.await(Duration.ofSeconds(30));
                        long seen = counter.getLong(0);
                        if (seen < (long) parties * (round + 1)) {
                            say("OUT-OF-STEP round " + round + " saw " + seen);
                            return;
                        }
                        barrier.await(Duration.ofSeconds(30));
                    }
                    say("DONE");
                }
            }
            case "barrier-wait" -> {
                int parties = Integer.parseInt(args[2]);
                try (IpcBarrier barrier = IpcBarrier.builder(name).parties(parties).create(CreateMode.OPEN_ONLY)
                        .open()) {
                    say("WAITING");
                    long start = System.nanoTime();
                    try {
                        barrier.await(Duration.ofSeconds(60));
                        say("CROSSED");
                    }
                    catch (IpcBarrierBrokenException ex) {
                        say("BROKEN " + (System.nanoTime() - start) / 1_000_000 + " " + ex.getMessage());
                    }
                }
            }
            case "ring-produce" -> {
                // COUNT messages of SIZE bytes: producer id, sequence, filler, CRC32 of the rest.
                int producer = Integer.parseInt(args[2]);
                int count = Integer.parseInt(args[3]);
                int size = Integer.parseInt(args[4]);
                try (IpcShmQueue queue = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
                    say("READY");
                    byte[] payload = new byte[size];
                    for (int seq = 0; seq < count; seq++) {
                        RingMessages.fill(payload, producer, seq);
                        queue.send(payload, producer);
                    }
                    say("DONE");
                }
            }
            case "ring-produce-and-hang" -> {
                // Sends COUNT text messages "m0".., then stays alive (holding a single-producer slot) until killed.
                try (IpcShmQueue queue = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        queue.send(("m" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    say("SENT");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            case "ring-consume" -> {
                // Receives COUNT messages and prints each payload as text.
                try (IpcShmQueue queue = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        say("GOT " + queue.receive(Duration.ofSeconds(20)).map(IpcMessage::payloadAsString)
                                .orElse("<timeout>"));
                    }
                    say("DONE");
                }
            }
            case "ring-handle-and-hang" -> {
                // Polls and prints each payload as text until the message "stall", inside whose
                // handling it stays (holding a single-consumer slot) until killed.
                try (IpcShmQueue queue = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (System.nanoTime() < deadline) {
                        queue.poll((buffer, offset, length, tag) -> {
                            byte[] text = new byte[length];
                            buffer.get(offset, text);
                            String payload = new String(text, StandardCharsets.UTF_8);
                            if (payload.equals("stall")) {
                                say("HANDLING stall");
                                while (true) {
                                    LockSupport.park();
                                }
                            }
                            say("GOT " + payload);
                        }, 1);
                        Thread.onSpinWait();
                    }
                }
            }
            case "ring-claim-and-hang" -> {
                // Plays a producer that claims a record and dies before committing it: with
                // args[2] = "marker" it writes the claim marker, with "nothing" it writes nothing.
                try (IpcSharedSegment ring = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open()) {
                    RingMessages.claimWithoutCommit(ring, 64, args[2].equals("marker"));
                    say("CLAIMED");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            case "sysv-sem-count" -> {
                // Increments the long at offset 0 of segment args[2], args[3] times, under the System V semaphore as a lock.
                int key = Integer.parseInt(name);
                try (IpcSemaphore lock = IpcSemaphore.sysv(key).create(CreateMode.OPEN_ONLY).open();
                        IpcSharedSegment segment = IpcSharedSegment.builder(args[2]).create(CreateMode.OPEN_ONLY)
                                .open()) {
                    say("READY");
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        lock.acquire();
                        try {
                            // Deliberately not atomic: only the lock keeps the count exact.
                            segment.putLong(0, segment.getLong(0) + 1);
                        }
                        finally {
                            lock.release();
                        }
                    }
                    say("DONE");
                }
            }
            case "sysv-sem-hold" -> {
                // Takes a permit and keeps it until killed.
                try (IpcSemaphore semaphore = IpcSemaphore.sysv(Integer.parseInt(name)).create(CreateMode.OPEN_ONLY)
                        .open()) {
                    say(semaphore.tryAcquire(Duration.ofSeconds(20)) ? "HELD" : "TIMEOUT");
                    Thread.sleep(Duration.ofMinutes(2).toMillis());
                }
            }
            default -> throw new IllegalArgumentException("Unknown command " + args[0]);
        }
    }
}
