package dev.springipc.sample;

import java.time.Duration;
import java.util.Locale;

import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.messaging.IpcTemplate;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * The producer's main job. By the time it runs, the starter has created every object of
 * {@code application.yml}. It starts the consumer, meets it at the start barrier, sends the
 * orders through the Spring Integration flow, waits for their shipments, asks the consumer for
 * its report (request-reply), and compares the shared running total with its own sum.
 */
@Component
@Profile("producer")
class ProducerRun implements ApplicationRunner {

    private final SampleProperties sample;

    private final Environment environment;

    private final IpcBarrier start;

    private final IpcSemaphore workers;

    private final MessageChannel newOrders;

    private final IpcTemplate template;

    private final ShipmentListener shipments;

    private final RunningTotal total;

    private final AuditTrail audit;

    private final OrderFlow flow;

    private final PartnerProcess partner;

    private final CleanupReport cleanup;

    private volatile boolean stopping;

    ProducerRun(SampleProperties sample, Environment environment, IpcBarrier start, IpcSemaphore workers,
            @Qualifier("newOrders") MessageChannel newOrders, IpcTemplate template, ShipmentListener shipments,
            RunningTotal total, AuditTrail audit, OrderFlow flow, PartnerProcess partner, CleanupReport cleanup) {
        this.sample = sample;
        this.environment = environment;
        this.start = start;
        this.workers = workers;
        this.newOrders = newOrders;
        this.template = template;
        this.shipments = shipments;
        this.total = total;
        this.audit = audit;
        this.flow = flow;
        this.partner = partner;
        this.cleanup = cleanup;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String namespace = this.environment.getRequiredProperty("ipc.namespace");
        String port = this.environment.getProperty("local.server.port", "?");
        Console.say("ipc-sample: producer pid " + ProcessHandle.current().pid() + ", namespace " + namespace + ", "
                + this.cleanup.takeStock().size() + " objects in /dev/shm, /dev/mqueue and /tmp");
        Console.say("  look:  curl http://localhost:" + port + "/actuator/ipc");
        Console.say("         curl http://localhost:" + port + "/actuator/health");
        Console.say("         curl http://localhost:" + port + "/actuator/metrics/ipc.messages.sent");
        Console.say("         cat " + this.audit.path() + "    (audit lines; this process reads them too)");
        if (this.sample.partner()) {
            this.partner.launch(this.start::reset);   // a consumer that dies breaks the barrier: no wait for it
        }
        // Both processes wait here until the other has started: no order goes to a consumer that is not there.
        this.start.await(Duration.ofSeconds(60));
        Console.say("producer and consumer met at the barrier " + this.start.name());

        int orders = this.sample.orders();
        long expected = 0;
        long began = System.nanoTime();
        for (int n = 1; n <= orders; n++) {
            Order order = Order.number(n);
            expected += order.amountCents();
            OrderFlow.send(this.newOrders, order);
        }
        if (!this.shipments.awaitShipped(orders, Duration.ofSeconds(60))) {
            throw new IllegalStateException("only " + this.shipments.shipped() + " of " + orders + " orders shipped");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        Console.say("sent " + orders + " orders (flow 'ordersToTheConsumer' -> shm queue 'orders'), received "
                + this.shipments.shipped() + " shipments (POSIX queue 'shipments') in "
                + String.format(Locale.ROOT, "%.2f s: %.0f orders/s", seconds, orders / seconds));

        ConsumerReport report = this.template.convertSendAndReceive("status", new StatusRequest(orders),
                ConsumerReport.class, Duration.ofSeconds(10));
        if (report == null) {
            throw new IllegalStateException("the consumer did not answer the status request within 10 s");
        }
        Console.say("request-reply: consumer pid " + report.pid() + " handled " + report.ordersReceived()
                + " orders, at most " + report.mostAtOnce() + " at once (semaphore " + this.workers.name() + ")");

        long[] shared = this.total.read();
        Console.say("running total " + cents(shared[0]) + " over " + shared[1] + " orders (shared segment "
                + this.total.segmentName() + ", mutex-guarded); expected "
                + cents(expected) + (shared[0] == expected ? ": match" : ": MISMATCH"));
        awaitAuditLines(orders);
        Console.say("audit: " + this.audit.lines() + " lines on the FIFO, the last: " + this.audit.lastLine());
        Console.say("flow: " + this.flow.passed() + " orders passed the Spring Integration flow");

        if (this.sample.keepRunning()) {
            // On a thread of its own: the application is "ready" (readiness UP) once the runners return.
            Thread trickle = new Thread(() -> keepRunning(orders), "keep-running");
            trickle.setDaemon(true);
            trickle.start();
            Console.say("ready; keep-running: one order a second, Ctrl-C stops both processes and removes every object");
        }
    }

    /** With {@code sample.keep-running=true}: one order a second until Ctrl-C or SIGTERM. */
    private void keepRunning(int sent) {
        for (int n = sent + 1; !this.stopping; n++) {
            try {
                Thread.sleep(1000);
                if (!this.stopping) {
                    OrderFlow.send(this.newOrders, Order.number(n));
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                if (!this.stopping) {
                    Console.say("keep-running: " + ex.getMessage());
                }
                return;
            }
        }
    }

    private void awaitAuditLines(int lines) throws InterruptedException {
        for (int i = 0; i < 200 && this.audit.lines() < lines; i++) {
            Thread.sleep(10);
        }
    }

    @EventListener
    void onClose(ContextClosedEvent event) {
        this.stopping = true;
    }

    private static String cents(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
