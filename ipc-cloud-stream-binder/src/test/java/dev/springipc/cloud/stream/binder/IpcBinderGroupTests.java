package dev.springipc.cloud.stream.binder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer groups as the Spring Cloud Stream reference defines them, over real rings: every group
 * gets every message, the instances of one group share them (each message once), an anonymous
 * consumer gets what is published while it is bound, a required group keeps what was published
 * before it started; and headers travel with the message.
 */
class IpcBinderGroupTests {

    private static final Duration RECEIVE = Duration.ofSeconds(10);

    // Registered first, so that it checks for leftovers after the applications closed.
    @RegisterExtension
    @Order(1)
    final IpcCleanup cleanup = new IpcCleanup();

    @RegisterExtension
    @Order(2)
    final StreamApps apps = new StreamApps();

    @Test
    void twoGroupsEachReceiveEveryMessage() throws Exception {
        ConfigurableApplicationContext billing = sink("orders", "billing");
        ConfigurableApplicationContext shipping = sink("orders", "shipping");
        StreamBridge bridge = source();
        for (int i = 0; i < 5; i++) {
            bridge.send("orders", "order-" + i);
        }
        assertThat(payloads(received(billing), 5)).containsExactly("order-0", "order-1", "order-2", "order-3",
                "order-4");
        assertThat(payloads(received(shipping), 5)).containsExactly("order-0", "order-1", "order-2", "order-3",
                "order-4");
    }

    @Test
    void twoInstancesOfOneGroupShareTheMessagesEachOnce() throws Exception {
        ConfigurableApplicationContext first = sink("jobs", "workers", "--sink.delay-millis=20");
        ConfigurableApplicationContext second = sink("jobs", "workers", "--sink.delay-millis=20");
        StreamBridge bridge = source();
        for (int i = 0; i < 40; i++) {
            bridge.send("jobs", "job-" + i);
        }
        List<String> all = new ArrayList<>();
        List<String> fromFirst = new ArrayList<>();
        List<String> fromSecond = new ArrayList<>();
        long deadline = System.nanoTime() + RECEIVE.toNanos();
        while (all.size() < 40 && System.nanoTime() < deadline) {
            drain(received(first), fromFirst, all);
            drain(received(second), fromSecond, all);
            Thread.sleep(20);
        }
        Thread.sleep(300); // a duplicate would arrive now
        drain(received(first), fromFirst, all);
        drain(received(second), fromSecond, all);
        assertThat(all).hasSize(40);
        assertThat(new HashSet<>(all)).hasSize(40);
        assertThat(fromFirst).isNotEmpty();
        assertThat(fromSecond).isNotEmpty();
    }

    @Test
    void anonymousConsumerReceivesWhileBoundAndItsQueueGoesWithIt() throws Exception {
        ConfigurableApplicationContext anonymous = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=ticks");
        StreamBridge bridge = source();
        bridge.send("ticks", "tick-1");
        assertThat(payloads(received(anonymous), 1)).containsExactly("tick-1");
        Path ticks = this.apps.registry().resolve(this.apps.namespace()).resolve("ticks");
        assertThat(ticks).isDirectory();
        assertThat(shm(this.apps.namespace() + ".ticks.anonymous.")).hasSize(1);
        anonymous.close();
        assertThat(ticks).doesNotExist();
        // The producer still holds the ring open until it sees the entry gone, on its next send:
        // then it closes it as the last user, and the ring is removed.
        bridge.send("ticks", "tick-2");
        assertThat(shm(this.apps.namespace() + ".ticks.anonymous.")).isEmpty();
    }

    @Test
    void requiredGroupKeepsMessagesPublishedBeforeItStarts() throws Exception {
        StreamBridge bridge = source("--spring.cloud.stream.bindings.audit.producer.required-groups=late");
        bridge.send("audit", "early-1");
        bridge.send("audit", "early-2");
        ConfigurableApplicationContext late = sink("audit", "late");
        assertThat(payloads(received(late), 2)).containsExactly("early-1", "early-2");
    }

    @Test
    void groupQueueOutlivesItsConsumersAndKeepsReceiving() throws Exception {
        ConfigurableApplicationContext first = sink("events", "durable");
        StreamBridge bridge = source();
        bridge.send("events", "while-running");
        assertThat(payloads(received(first), 1)).containsExactly("while-running");
        first.close();
        bridge.send("events", "while-stopped");
        ConfigurableApplicationContext again = sink("events", "durable");
        assertThat(payloads(received(again), 1)).containsExactly("while-stopped");
    }

    @Test
    void contentTypeAndUserHeadersSurviveWithTheirTypes() throws Exception {
        ConfigurableApplicationContext sink = sink("mail", "inbox");
        StreamBridge bridge = source();
        bridge.send("mail", MessageBuilder.withPayload("{\"to\":\"ann\"}")
            .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
            .setHeader("tenant", "acme")
            .setHeader("attempt", 7)
            .setHeader("urgent", true)
            .build());
        Message<String> message = received(sink).poll(RECEIVE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).isNotNull();
        assertThat(message.getPayload()).isEqualTo("{\"to\":\"ann\"}");
        assertThat(message.getHeaders().get(MessageHeaders.CONTENT_TYPE)).hasToString("application/json");
        assertThat(message.getHeaders().get("tenant")).isEqualTo("acme");
        assertThat(message.getHeaders().get("attempt")).isEqualTo(7);
        assertThat(message.getHeaders().get("urgent")).isEqualTo(true);
        assertThat(message.getHeaders()).doesNotContainKey(BinderWireCodec.TYPES);
    }

    private ConfigurableApplicationContext sink(String destination, String group, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "--spring.cloud.stream.bindings.sink-in-0.destination=" + destination,
                "--spring.cloud.stream.bindings.sink-in-0.group=" + group));
        properties.addAll(List.of(more));
        return this.apps.start(TestStreamApplications.Sink.class, properties.toArray(String[]::new));
    }

    private StreamBridge source(String... properties) {
        return this.apps.start(TestStreamApplications.Source.class, properties).getBean(StreamBridge.class);
    }

    @SuppressWarnings("unchecked")
    static BlockingQueue<Message<String>> received(ConfigurableApplicationContext context) {
        return (BlockingQueue<Message<String>>) context.getBeanProvider(ResolvableType
            .forClassWithGenerics(BlockingQueue.class, ResolvableType.forClassWithGenerics(Message.class, String.class)))
            .getObject();
    }

    static List<String> payloads(BlockingQueue<Message<String>> queue, int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + RECEIVE.toNanos();
        while (payloads.size() < count) {
            Message<String> message = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            payloads.add(message.getPayload());
        }
        return payloads;
    }

    private static void drain(BlockingQueue<Message<String>> queue, List<String> mine, List<String> all) {
        Message<String> message;
        while ((message = queue.poll()) != null) {
            mine.add(message.getPayload());
            all.add(message.getPayload());
        }
    }

    static Set<String> shm(String prefix) throws Exception {
        Set<String> found = new HashSet<>();
        try (var entries = Files.list(Path.of("/dev/shm"))) {
            entries.map((entry) -> entry.getFileName().toString())
                .filter((name) -> name.startsWith(prefix))
                .forEach(found::add);
        }
        return found;
    }
}
