package dev.springipc.cloud.stream.binder.config;

import dev.springipc.actuate.IpcResourceInspector;
import dev.springipc.actuate.IpcTrafficCounts;
import dev.springipc.autoconfigure.IpcObservabilityProperties;
import dev.springipc.cloud.stream.binder.IpcMessageChannelBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The binder's health contributor, which Spring Cloud Stream shows under {@code binders.ipc}:
 * one entry per queue a bound consumer reads, judged as the starter's {@code ipc} contributor
 * judges its queues (there under its name, the object this process opened, below
 * {@code ipc.health.queue-high-water-mark}). Needs {@code spring-boot-health}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
class IpcBinderHealthConfiguration {

    @Bean
    HealthContributor ipcBinderHealthContributor(IpcMessageChannelBinder binder,
            ObjectProvider<IpcTrafficCounts> traffic, Environment environment) {
        IpcResourceInspector inspector = new IpcResourceInspector(binder.getQueues()::resources, () -> null,
                traffic::getIfAvailable,
                Binder.get(environment)
                    .bind("ipc", IpcObservabilityProperties.class)
                    .orElseGet(IpcObservabilityProperties::new)
                    .getHealth()
                    .getQueueHighWaterMark());
        return new BinderQueuesHealthContributor(binder.getQueues(), inspector);
    }

}
