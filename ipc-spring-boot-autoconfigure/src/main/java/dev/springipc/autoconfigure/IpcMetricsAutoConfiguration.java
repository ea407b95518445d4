package dev.springipc.autoconfigure;

import dev.springipc.core.IpcResource;
import dev.springipc.metrics.IpcMessageMeters;
import dev.springipc.metrics.IpcResourceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the IPC meters in Boot's {@link MeterRegistry}: message counters and
 * sizes, queue depth and semaphore permit gauges. Needs Micrometer and a {@code MeterRegistry}
 * bean (Boot's metrics auto-configuration); {@code management.metrics.enable.ipc=false} turns
 * them off.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class },
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
public final class IpcMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IpcMessageMeters ipcMessageMeters(MeterRegistry registry) {
        return new IpcMessageMeters(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    IpcResourceMetrics ipcResourceMetrics(ListableBeanFactory beanFactory) {
        return new IpcResourceMetrics(() -> beanFactory.getBeansOfType(IpcResource.class, false, false));
    }

}
