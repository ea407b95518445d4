package dev.springipc.sample;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;

import org.springframework.context.annotation.Profile;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * The consumer's work, on four listener threads of the shm queue {@code orders}: take a permit
 * of the counting semaphore {@code workers} (two permits, shared by every consumer process on
 * the host), price the order with the shell worker, add it to the shared running total, write an
 * audit line to the FIFO and tell the producer on the POSIX queue {@code shipments}.
 */
@Component
@Profile("consumer")
class OrderConsumer {

    private final IpcSemaphore workers;

    private final PriceWorker pricer;

    private final RunningTotal total;

    private final IpcFifo audit;

    private final IpcTemplate template;

    private final AtomicInteger received = new AtomicInteger();

    private final AtomicInteger inWork = new AtomicInteger();

    private final AtomicInteger mostAtOnce = new AtomicInteger();

    OrderConsumer(IpcSemaphore workers, PriceWorker pricer, RunningTotal total, IpcFifo audit, IpcTemplate template) {
        this.workers = workers;
        this.pricer = pricer;
        this.total = total;
        this.audit = audit;
        this.template = template;
    }

    @IpcListener(value = "orders", concurrency = "4")
    void on(Order order, @Header("source") String source) throws InterruptedException {
        this.workers.acquire();
        try {
            this.mostAtOnce.accumulateAndGet(this.inWork.incrementAndGet(), Math::max);
            long amount = this.pricer.amountCents(order);
            this.total.add(amount);
            String line = order.id() + " x" + order.quantity() + " = " + amount + " cents (from " + source + ", pid "
                    + ProcessHandle.current().pid() + ")";
            this.audit.send(line.getBytes(StandardCharsets.UTF_8));
            this.template.convertAndSend("shipments", "shipped " + order.id());
            this.received.incrementAndGet();
        }
        finally {
            this.inWork.decrementAndGet();
            this.workers.release();
        }
    }

    ConsumerReport report() {
        return new ConsumerReport(ProcessHandle.current().pid(), this.received.get(), this.mostAtOnce.get());
    }
}
