package dev.springipc.core;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The core examples of README.md and docs/core.md, word for word, so that they compile against
 * the API as it is (a test checks that every Java block of the docs stands in a test source).
 * They name fixed objects ({@code /demo.*}), so they are compiled, not run; the behaviour they
 * show is tested with unique names by the tests of each kind.
 */
@SuppressWarnings("unused")
final class DocumentedCoreExamples {

    private final byte[] bytes = "tick".getBytes(UTF_8);

    private final IpcMutex mutex = IpcMutex.builder("/demo.ledger").create(CreateMode.OPEN_ONLY).open();

    private DocumentedCoreExamples() {
    }

    void readmeQuickStart() throws Exception {
        try (IpcMessageQueue orders = IpcMessageQueue.posix("/demo.orders").maxMessages(10).open()) {
            orders.send("hello".getBytes(UTF_8), 5);                  // priority 5
            Optional<IpcMessage> next = orders.receive(Duration.ofSeconds(1));
        }

        try (IpcSemaphore jobs = IpcSemaphore.builder("/demo.jobs").permits(4).mode(0660).open()) {
            if (jobs.tryAcquire(Duration.ofSeconds(2))) {
                try { work(); } finally { jobs.release(); }
            }
        }

        try (IpcSharedSegment prices = IpcSharedSegment.builder("/demo.prices").size(1 << 20).open()) {
            prices.getAndAddLong(0, 1);                                // atomic across processes
        }

        try (IpcFifo audit = IpcFifo.builder("audit.fifo").framing(Framing.LINES).open()) {   // /tmp/audit.fifo
            audit.send("one line".getBytes(UTF_8));                    // `cat /tmp/audit.fifo` prints it
        }

        try (IpcMutex ledger = IpcMutex.builder("/demo.ledger").open()) {   // a holder killed by SIGKILL releases it
            ledger.lock();
            try {
                if (ledger.previousOwnerDied()) { repair(); }
                update();
            } finally { ledger.unlock(); }
        }

        try (IpcShmQueue ticks = IpcMessageQueue.shm("/demo.ticks").maxMessageSize(256)
                .idleStrategy(IpcIdleStrategy.BACKOFF).open()) {       // an idle receive spins, yields, then sleeps
            ticks.send(bytes);                                         // no system call while the consumer is busy
            ticks.poll((buffer, offset, length, tag) -> handle(buffer, offset, length), 64);   // zero allocation
        }
        // One producer and one consumer (each one handle, one thread at a time)? Then neither a send nor
        // a receive needs an atomic instruction, as in Agrona's one-to-one ring:
        // IpcMessageQueue.shm("/demo.feed").singleProducer(true).singleConsumer(true).open()
        //   (keys: single-producer: true, single-consumer: true)
    }

    void coreSystemV() throws Exception {
        int key = SysvKey.of("/demo.jobs");               // or a fixed key shared with a C or Python peer
        try (IpcSemaphore jobs = IpcSemaphore.sysv(key).permits(4).mode(0660).open()) {
            jobs.acquire();
            try { work(); } finally { jobs.release(); }
        }
        try (IpcSysvMessageQueue orders = IpcMessageQueue.sysv(0x4f52).mode(0660).open()) {
            orders.send(bytes, 7L);                          // type 7
            Optional<IpcMessage> next = orders.receive(-10L, Duration.ofSeconds(1)); // lowest type <= 10
        }
    }

    void coreMutex() {
        mutex.lock();
        try {
            if (mutex.previousOwnerDied()) {
                repairLedger();          // the dead holder may have left it half-updated
            }
            update();
        } finally {
            mutex.unlock();
        }
    }

    private void work() {
    }

    private void repair() {
    }

    private void repairLedger() {
    }

    private void update() {
    }

    private void handle(ByteBuffer buffer, int offset, int length) {
    }
}
