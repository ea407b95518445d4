package dev.springipc.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitioning, retry and dead letters over real rings: a partitioned producer routes by key to
 * the instance whose index is the partition; a failing message is tried max-attempts times, then
 * lands in the group's dead-letter queue with the failure in its headers.
 */
class IpcBinderPartitionAndRetryTests {

    @RegisterExtension
    @Order(1)
    final IpcCleanup cleanup = new IpcCleanup();

    @RegisterExtension
    @Order(2)
    final StreamApps apps = new StreamApps();

    @Test
    void partitionedProducerRoutesEachKeyToTheInstanceOfItsPartitionAndAllToAnUnpartitionedGroup() throws Exception {
        ConfigurableApplicationContext zero = partitionSink(0);
        ConfigurableApplicationContext one = partitionSink(1);
        ConfigurableApplicationContext everything = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=readings",
                "--spring.cloud.stream.bindings.sink-in-0.group=archive");
        StreamBridge bridge = this.apps.start(TestStreamApplications.Source.class,
                "--spring.cloud.stream.bindings.readings.producer.partition-key-expression=headers['sensor']",
                "--spring.cloud.stream.bindings.readings.producer.partition-count=2")
            .getBean(StreamBridge.class);
        for (int sensor = 0; sensor < 6; sensor++) {
            // The default selector takes hashCode() % partitionCount: an Integer's hash is itself.
            bridge.send("readings", MessageBuilder.withPayload("sensor-" + sensor).setHeader("sensor", sensor).build());
        }
        assertThat(IpcBinderGroupTests.payloads(IpcBinderGroupTests.received(zero), 3)).containsExactly("sensor-0",
                "sensor-2", "sensor-4");
        assertThat(IpcBinderGroupTests.payloads(IpcBinderGroupTests.received(one), 3)).containsExactly("sensor-1",
                "sensor-3", "sensor-5");
        // A group that is not partitioned gets every message of a partitioned destination, as on Rabbit.
        assertThat(IpcBinderGroupTests.payloads(IpcBinderGroupTests.received(everything), 6)).containsExactly(
                "sensor-0", "sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5");
        Thread.sleep(300); // a misrouted copy would arrive now
        assertThat(IpcBinderGroupTests.received(zero)).isEmpty();
        assertThat(IpcBinderGroupTests.received(one)).isEmpty();
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".readings.meters-")).hasSize(2);
    }

    @Test
    void failingMessageIsRetriedThenDeadLettered() throws Exception {
        ConfigurableApplicationContext failing = this.apps.start(TestStreamApplications.FailingSink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=payments",
                "--spring.cloud.stream.bindings.sink-in-0.group=ledger",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.max-attempts=3",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.back-off-initial-interval=10",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.back-off-max-interval=50",
                "--spring.cloud.stream.ipc.bindings.sink-in-0.consumer.enable-dlq=true");
        StreamBridge bridge = this.apps.start(TestStreamApplications.Source.class).getBean(StreamBridge.class);
        bridge.send("payments", MessageBuilder.withPayload("poison").setHeader("tenant", "acme").build());
        try (IpcMessageQueue deadLetters = IpcMessageQueue.shm(this.apps.queue("payments.ledger.dlq"))
            .create(CreateMode.OPEN_ONLY)
            .open()) {
            Optional<IpcMessage> dead = deadLetters.receive(Duration.ofSeconds(10));
            assertThat(dead).isPresent();
            IpcEnvelope envelope = IpcEnvelope.decode(dead.get().payload());
            assertThat(new String(envelope.payload())).isEqualTo("poison");
            assertThat(envelope.header("tenant")).isEqualTo("acme");
            assertThat(envelope.header(DeadLetterPublisher.EXCEPTION_MESSAGE)).isEqualTo("cannot handle poison");
            assertThat(envelope.header(DeadLetterPublisher.ORIGINAL_DESTINATION)).isEqualTo("payments");
            assertThat(envelope.header(DeadLetterPublisher.ORIGINAL_GROUP)).isEqualTo("ledger");
        }
        assertThat(failing.getBean(AtomicInteger.class)).hasValue(3);
    }

    @Test
    void withoutDeadLetterQueueAFailedMessageIsRetriedThenDropped() throws Exception {
        ConfigurableApplicationContext failing = this.apps.start(TestStreamApplications.FailingSink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=refunds",
                "--spring.cloud.stream.bindings.sink-in-0.group=ledger",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.max-attempts=2",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.back-off-initial-interval=10");
        StreamBridge bridge = this.apps.start(TestStreamApplications.Source.class).getBean(StreamBridge.class);
        bridge.send("refunds", "poison");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AtomicInteger attempts = failing.getBean(AtomicInteger.class);
        while (attempts.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(attempts).hasValue(2);
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".refunds.ledger.dlq")).isEmpty();
    }

    private ConfigurableApplicationContext partitionSink(int index) {
        return this.apps.start(TestStreamApplications.Sink.class, List.of(
                "--spring.cloud.stream.bindings.sink-in-0.destination=readings",
                "--spring.cloud.stream.bindings.sink-in-0.group=meters",
                "--spring.cloud.stream.bindings.sink-in-0.consumer.partitioned=true",
                "--spring.cloud.stream.instance-count=2", "--spring.cloud.stream.instance-index=" + index)
            .toArray(String[]::new));
    }
}
