package dev.springipc.cloud.stream.binder;

import dev.springipc.testsupport.IpcCleanup;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder's queues in the actuator as the starter's: health under {@code binders.ipc}, one
 * entry per queue a consumer reads, and the {@code ipc.queue.depth} gauge and message counters
 * tagged with the queue's key; both go when the consumer unbinds.
 */
class IpcBinderObservabilityTests {

    @RegisterExtension
    @Order(1)
    final IpcCleanup cleanup = new IpcCleanup();

    @RegisterExtension
    @Order(2)
    final StreamApps apps = new StreamApps();

    @Test
    void boundQueuesShowInHealthAndMetersUntilUnbound() throws Exception {
        ConfigurableApplicationContext sink = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=metered",
                "--spring.cloud.stream.bindings.sink-in-0.group=watched");
        String key = this.apps.namespace() + ".metered.watched";
        CompositeHealthContributor ipc = (CompositeHealthContributor) ((CompositeHealthContributor) sink
            .getBean("bindersHealthContributor")).getContributor("ipc");
        Health health = ((HealthIndicator) ipc.getContributor(key)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("kind", "queue").containsEntry("osName", "/" + key);

        this.apps.start(TestStreamApplications.Source.class).getBean(StreamBridge.class).send("metered", "one");
        assertThat(IpcBinderGroupTests.payloads(IpcBinderGroupTests.received(sink), 1)).containsExactly("one");
        MeterRegistry registry = sink.getBean(MeterRegistry.class);
        Gauge depth = registry.find("ipc.queue.depth").tag("resource", key).gauge();
        assertThat(depth).isNotNull();
        assertThat(depth.value()).isZero();
        FunctionCounter received = registry.find("ipc.messages.received").tag("resource", key).functionCounter();
        assertThat(received).isNotNull();
        assertThat(received.count()).isEqualTo(1);

        sink.getBean(BindingService.class).unbindConsumers("sink-in-0");
        assertThat(ipc.getContributor(key)).isNull();
        assertThat(registry.find("ipc.queue.depth").tag("resource", key).gauge()).isNull();
    }
}
