package dev.springipc.cloud.stream.binder.config;

import java.util.Map;

import dev.springipc.cloud.stream.binder.BinderQueues;
import dev.springipc.cloud.stream.binder.IpcMessageChannelBinder;
import dev.springipc.core.IpcResource;
import dev.springipc.metrics.IpcResourceMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code ipc.queue.depth} gauge of every queue a bound consumer reads, registered in the
 * application's meter registries when the consumer binds and removed when it unbinds, with the
 * tags of the starter's queues ({@code resource}, {@code kind}, {@code type}). The message
 * counters ({@code ipc.messages.*}) come from the starter's traffic observers, which the binder
 * tells of every message.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
class IpcBinderMetricsConfiguration {

    @Bean
    SmartInitializingSingleton ipcBinderQueueMeters(IpcMessageChannelBinder binder,
            ObjectProvider<MeterRegistry> registries) {
        return () -> binder.getQueues().addListener(new QueueGauges(registries));
    }

    /** Binds the gauges of added queues, removes those of removed ones. */
    private record QueueGauges(ObjectProvider<MeterRegistry> registries) implements BinderQueues.Listener {

        @Override
        public void added(Map<String, IpcResource> queues) {
            this.registries.forEach((registry) -> new IpcResourceMetrics(() -> queues).bindTo(registry));
        }

        @Override
        public void removed(Map<String, IpcResource> queues) {
            this.registries.forEach((registry) -> {
                for (Meter meter : registry.getMeters()) {
                    if (meter.getId().getName().startsWith("ipc.queue.")
                            && queues.containsKey(meter.getId().getTag("resource"))) {
                        registry.remove(meter);
                    }
                }
            });
        }
    }
}
