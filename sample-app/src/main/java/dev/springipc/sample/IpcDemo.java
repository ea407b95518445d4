package dev.springipc.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The sample's main job: a producer and a consumer exchange orders over a POSIX message queue,
 * count them in a shared segment under a robust mutex, throttle with a semaphore and write an
 * audit line to a FIFO.
 * The objects are declared in {@code application.yml} and injected as beans; each is a real
 * kernel object that any other process could open by the same name, and the starter removes
 * them when the application stops.
 */
@Component
class IpcDemo implements ApplicationRunner {

    private static final Log logger = LogFactory.getLog(IpcDemo.class);

    private static final int ORDERS = 5;

    private final IpcMessageQueue orders;

    private final IpcSharedSegment stats;

    private final IpcSemaphore slots;

    private final IpcFifo audit;

    private final IpcMutex ledger;

    IpcDemo(IpcMessageQueue orders, IpcSharedSegment stats, IpcSemaphore slots, IpcFifo audit, IpcMutex ledger) {
        this.orders = orders;
        this.stats = stats;
        this.slots = slots;
        this.audit = audit;
        this.ledger = ledger;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        logger.info("Opened " + this.orders.name() + " (capacity " + this.orders.capacity() + "), " + this.stats.name()
                + " (" + this.stats.size() + " bytes), " + this.slots.name() + " (" + this.slots.availablePermits()
                + " permits), " + this.audit.path());
        exchange(this.orders, this.stats, this.slots, this.audit);
        logger.info("Done; the starter removes the IPC objects on shutdown");
    }

    private void exchange(IpcMessageQueue orders, IpcSharedSegment stats, IpcSemaphore slots, IpcFifo audit)
            throws Exception {
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try {
            audit.receive(Duration.ZERO);
            Future<Long> consumed = consumer.submit(() -> consume(orders, stats, slots));
            for (int i = 1; i <= ORDERS; i++) {
                slots.acquire();
                orders.send(("order-" + i).getBytes(StandardCharsets.UTF_8), i % 3);
                audit.send(("sent order-" + i).getBytes(StandardCharsets.UTF_8));
            }
            long total = consumed.get();
            for (int i = 0; i < ORDERS; i++) {
                Optional<IpcMessage> line = audit.receive(Duration.ofSeconds(1));
                line.ifPresent((message) -> logger.info("audit: " + message.payloadAsString()));
            }
            logger.info("Consumer handled " + total + " orders; shared counter says " + stats.getLong(0) + " orders, "
                    + stats.getLong(8) + " bytes");
        }
        finally {
            consumer.shutdownNow();
        }
    }

    private long consume(IpcMessageQueue orders, IpcSharedSegment stats, IpcSemaphore slots) throws Exception {
        for (int i = 0; i < ORDERS; i++) {
            IpcMessage order = orders.receive();
            // A two-field update that must look atomic to other processes: under the robust mutex.
            this.ledger.lock();
            try {
                if (this.ledger.previousOwnerDied()) {
                    logger.warn("The last holder of " + this.ledger.name() + " died; the ledger may need repair");
                }
                stats.getAndAddLong(0, 1);
                stats.putLong(8, order.payload().length + stats.getLong(8));
            }
            finally {
                this.ledger.unlock();
            }
            slots.release();
            logger.info("received " + order.payloadAsString() + " (priority " + order.priority() + ")");
        }
        return stats.getLong(0);
    }
}
