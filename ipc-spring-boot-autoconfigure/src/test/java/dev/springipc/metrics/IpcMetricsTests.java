package dev.springipc.metrics;

import io.micrometer.core.instrument.FunctionTimer;
import dev.springipc.core.IpcMutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.TestNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The meters in Boot's {@link MeterRegistry} after real traffic: N messages sent and received
 * read N, the depth gauge follows the kernel's count, listener meters carry the listener id.
 */
@SpringBootTest(classes = IpcMetricsTests.App.class,
        properties = { "ipc.queues.orders.max-messages=8", "ipc.queues.orders.max-message-size=256",
                "ipc.queues.events.type=sysv", "ipc.queues.broken.type=shm", "ipc.semaphores.jobs.permits=3",
                "ipc.semaphores.gate.permits=0", "ipc.mutexes.ledger.mode=0600",
                "ipc.listener.retry.max-attempts=1", "logging.level.dev.springipc.listener=off",
                "ipc.queues.inbound.channel=inboundIn", "ipc.queues.narrow.max-messages=2",
                "ipc.queues.narrow.max-message-size=16", "ipc.queues.tight.type=sysv", "ipc.queues.wide.type=sysv" })
@DirtiesContext
class IpcMetricsTests {

    private static final String NAMESPACE = TestNames.unique("metrics");

    @DynamicPropertySource
    static void namespace(DynamicPropertyRegistry registry) {
        registry.add("ipc.namespace", () -> NAMESPACE);
    }

    @Autowired
    MeterRegistry registry;

    @Autowired
    IpcTemplate template;

    @Autowired
    @Qualifier("orders")
    IpcMessageQueue orders;

    @Autowired
    @Qualifier("narrow")
    IpcMessageQueue narrow;

    @Autowired
    @Qualifier("tight")
    IpcSysvMessageQueue tight;

    @Autowired
    IpcSemaphore jobs;

    @Autowired
    IpcSemaphore gate;

    @Autowired
    IpcMutex ledger;

    @Autowired
    QueueChannel inboundIn;

    @Test
    void templateMetersCountEachMessageSentAndReceivedWithItsSize() {
        int n = 5;
        for (int i = 0; i < n; i++) {
            this.template.send("orders", org.springframework.messaging.support.MessageBuilder
                .withPayload(new byte[10 + i])
                .build());
        }
        for (int i = 0; i < n; i++) {
            assertThat(this.template.receive("orders", Duration.ofSeconds(1))).isNotNull();
        }
        assertThat(counter("ipc.messages.sent", "orders", "none").count()).isEqualTo(n);
        assertThat(counter("ipc.messages.received", "orders", "none").count()).isEqualTo(n);
        Meter size = this.registry.get("ipc.message.size")
            .tags("resource", "orders", "kind", "queue", "type", "posix", "listener", "none")
            .meter();
        assertThat(size.getId().getType()).isEqualTo(Meter.Type.DISTRIBUTION_SUMMARY);
        assertThat(size.getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(size.measure()).extracting(Measurement::getStatistic, Measurement::getValue)
            .containsExactly(tuple(Statistic.COUNT, 2.0 * n), tuple(Statistic.TOTAL, 2.0 * (10 + 11 + 12 + 13 + 14)));
    }

    @Test
    void aFullQueueIsCountedAsALimitReachedAndTheTemplateWaitsForRoom() throws Exception {
        byte[] payload = { 1 };
        this.template.send("narrow", MessageBuilder.withPayload(payload).build());
        this.template.send("narrow", MessageBuilder.withPayload(payload).build());
        CompletableFuture<Void> third = CompletableFuture
            .runAsync(() -> this.template.send("narrow", MessageBuilder.withPayload(payload).build()));
        try {
            // Counted when the send finds no room; then it waits (back-pressure), nothing is dropped.
            await().atMost(Duration.ofSeconds(5)).until(() -> limitsReached("narrow", "posix", "queue-full") == 1.0);
            assertThat(third).isNotDone();
            assertThat(this.narrow.receive(Duration.ofSeconds(1))).isPresent();
            third.get(5, TimeUnit.SECONDS);
            assertThat(counter("ipc.messages.sent", "narrow", "none").count()).isEqualTo(3);
            assertThat(limitsReached("narrow", "posix", "queue-full")).isEqualTo(1.0);
        }
        finally {
            third.cancel(true);
            while (this.narrow.receive(Duration.ofMillis(100)).isPresent()) {
                // drain
            }
        }
    }

    @Test
    void aSendThatAKernelLimitRefusesIsCountedWithTheLimitAndFails() {
        // Another handle lowers the queue's msg_qbytes below the payload: the kernel would make
        // the send wait forever, so the queue refuses it (after one wait) with SYSV_MSGMNB.
        this.tight.setMaxBytes(64);
        assertThatThrownBy(() -> this.template.send("tight", MessageBuilder.withPayload(new byte[100]).build()))
            .isInstanceOfSatisfying(IpcLimitExceededException.class,
                    (ex) -> assertThat(ex.limit()).isEqualTo(IpcLimit.SYSV_MSGMNB));
        assertThat(limitsReached("tight", "sysv", "queue-full")).isEqualTo(1.0);
        assertThat(limitsReached("tight", "sysv", "sysv-msgmnb")).isEqualTo(1.0);
        assertThat(this.registry.get("ipc.messages.failed")
            .tags("resource", "tight", "kind", "queue", "type", "sysv", "listener", "none")
            .functionCounter()
            .count()).isEqualTo(1.0);
    }

    @Test
    void aPayloadAboveKernelMsgmaxIsCountedWithTheLimitAndFails() throws Exception {
        // No max-message-size configured: the queue's largest message is kernel.msgmax as read at open.
        long msgmax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/msgmax")).get(0).strip());
        assertThatThrownBy(() -> this.template.send("wide", MessageBuilder.withPayload(new byte[(int) msgmax + 1])
            .build()))
            .isInstanceOfSatisfying(IpcLimitExceededException.class,
                    (ex) -> assertThat(ex.limit()).isEqualTo(IpcLimit.SYSV_MSGMAX))
            .hasMessageContaining("/proc/sys/kernel/msgmax=" + msgmax);
        assertThat(limitsReached("wide", "sysv", "sysv-msgmax")).isEqualTo(1.0);
        assertThat(this.registry.get("ipc.messages.failed")
            .tags("resource", "wide", "kind", "queue", "type", "sysv", "listener", "none")
            .functionCounter()
            .count()).isEqualTo(1.0);
    }

    @Test
    void depthGaugeFollowsTheKernelsCount() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.orders.send(new byte[] { 1 });
        }
        assertThat(depth()).isEqualTo(3);
        this.orders.receive(Duration.ofSeconds(1));
        assertThat(depth()).isEqualTo(2);
        this.orders.receive(Duration.ofSeconds(1));
        this.orders.receive(Duration.ofSeconds(1));
        assertThat(depth()).isZero();
    }

    @Test
    void semaphoreGaugeReadsThePermitsAvailableNow() {
        assertThat(permits()).isEqualTo(3);
        assertThat(this.jobs.tryAcquire()).isTrue();
        try {
            assertThat(permits()).isEqualTo(2);
        }
        finally {
            this.jobs.release();
        }
        assertThat(permits()).isEqualTo(3);
    }

    @Test
    void lockWaitTimerMeasuresTheAcquisitionsThatHadToWait() throws Exception {
        assertThat(this.gate.tryAcquire(Duration.ofMillis(150))).isFalse();
        FunctionTimer semaphoreWaits = this.registry.get("ipc.lock.wait").tags("resource", "gate", "kind", "semaphore")
            .functionTimer();
        assertThat(semaphoreWaits.count()).isEqualTo(1);
        assertThat(semaphoreWaits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
        this.ledger.lock();
        this.ledger.unlock();
        FunctionTimer mutexWaits = this.registry.get("ipc.lock.wait").tags("resource", "ledger").functionTimer();
        assertThat(mutexWaits.count()).as("an uncontended lock is no wait").isZero();
        CompletableFuture<Boolean> contender = new CompletableFuture<>();
        this.ledger.lock();
        try {
            Thread thread = new Thread(() -> {
                try {
                    contender.complete(this.ledger.tryLock(100, TimeUnit.MILLISECONDS));
                }
                catch (InterruptedException ex) {
                    contender.completeExceptionally(ex);
                }
            });
            thread.start();
            assertThat(contender.get(5, TimeUnit.SECONDS)).isFalse();
        }
        finally {
            this.ledger.unlock();
        }
        assertThat(mutexWaits.count()).isEqualTo(1);
    }

    @Test
    void listenerMetersCountReceivedAndFailedMessagesUnderTheListenerId() {
        for (int i = 0; i < 4; i++) {
            this.template.convertAndSend("events", "event " + i);
            this.template.convertAndSend("broken", "poison " + i);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(this.registry.get("ipc.messages.received")
                .tags("resource", "events", "kind", "queue", "type", "sysv", "listener", "eventsListener")
                .functionCounter()
                .count()).isEqualTo(4);
            assertThat(this.registry.get("ipc.messages.failed")
                .tags("resource", "broken", "kind", "queue", "type", "shm", "listener", "brokenListener")
                .functionCounter()
                .count()).isEqualTo(4);
        });
        assertThat(this.registry.get("ipc.messages.sent").tags("resource", "events", "listener", "none").functionCounter().count())
            .isEqualTo(4);
    }

    @Test
    void inboundChannelAdapterCountsWhatItDeliversUnderItsName() {
        for (int i = 0; i < 3; i++) {
            this.template.convertAndSend("inbound", "delivery " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(this.inboundIn.receive(10_000)).isNotNull();
        }
        assertThat(this.registry.get("ipc.messages.received")
            .tags("resource", "inbound", "listener", "inbound.ipcInboundChannelAdapter")
            .functionCounter()
            .count()).isEqualTo(3);
    }

    private FunctionCounter counter(String name, String resource, String listener) {
        FunctionCounter counter = this.registry.get(name)
            .tags("resource", resource, "kind", "queue", "type", "posix", "listener", listener)
            .functionCounter();
        assertThat(counter.getId().getBaseUnit()).isEqualTo("messages");
        return counter;
    }

    private double limitsReached(String resource, String type, String limit) {
        FunctionCounter counter = this.registry.find("ipc.limits.reached")
            .tags("resource", resource, "kind", "queue", "type", type, "limit", limit)
            .functionCounter();
        if (counter == null) {
            return 0;
        }
        assertThat(counter.getId().getBaseUnit()).isEqualTo("events");
        return counter.count();
    }

    private double depth() {
        return this.registry.get("ipc.queue.depth")
            .tags("resource", "orders", "kind", "queue", "type", "posix")
            .gauge()
            .value();
    }

    private double permits() {
        return this.registry.get("ipc.semaphore.permits").tags("resource", "jobs", "type", "posix").gauge().value();
    }

    @SpringBootApplication
    static class App {

        @Bean
        QueueChannel inboundIn() {
            return new QueueChannel();
        }

        @IpcListener(id = "eventsListener", value = "events")
        void onEvent(String event) {
        }

        @IpcListener(id = "brokenListener", value = "broken")
        void onPoison(String poison) {
            throw new IllegalStateException("cannot handle " + poison);
        }

    }
}
