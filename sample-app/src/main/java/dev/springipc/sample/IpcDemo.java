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
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The sample's main job: a producer and a consumer exchange orders over a POSIX message queue,
 * count them in a shared segment, throttle with a semaphore and write an audit line to a FIFO.
 * Each object is a real kernel object that any other process could open by the same name.
 */
@Component
class IpcDemo implements ApplicationRunner {

    private static final Log logger = LogFactory.getLog(IpcDemo.class);

    private static final int ORDERS = 5;

    private final String prefix;

    IpcDemo(@Value("${spring.application.name:ipc-sample}") String applicationName) {
        this.prefix = "/" + applicationName + "." + ProcessHandle.current().pid();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        try (IpcMessageQueue orders = IpcMessageQueue.posix(this.prefix + ".orders").maxMessages(10).mode(0600).open();
                IpcSharedSegment stats = IpcSharedSegment.builder(this.prefix + ".stats").size(4096).open();
                IpcSemaphore slots = IpcSemaphore.builder(this.prefix + ".slots").permits(2).open();
                IpcFifo audit = IpcFifo.builder(this.prefix.substring(1) + ".audit.fifo").open()) {
            try {
                logger.info("Opened " + orders.name() + " (capacity " + orders.capacity() + "), " + stats.name() + " ("
                        + stats.size() + " bytes), " + slots.name() + " (" + slots.availablePermits() + " permits), "
                        + audit.path());
                exchange(orders, stats, slots, audit);
            }
            finally {
                orders.unlink();
                stats.unlink();
                slots.unlink();
                audit.unlink();
                logger.info("Removed every IPC object of the demo");
            }
        }
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
            logger.info("Consumer handled " + total + " orders; shared counter says " + stats.getLong(0));
        }
        finally {
            consumer.shutdownNow();
        }
    }

    private long consume(IpcMessageQueue orders, IpcSharedSegment stats, IpcSemaphore slots) throws Exception {
        for (int i = 0; i < ORDERS; i++) {
            IpcMessage order = orders.receive();
            stats.getAndAddLong(0, 1);
            slots.release();
            logger.info("received " + order.payloadAsString() + " (priority " + order.priority() + ")");
        }
        return stats.getLong(0);
    }
}
