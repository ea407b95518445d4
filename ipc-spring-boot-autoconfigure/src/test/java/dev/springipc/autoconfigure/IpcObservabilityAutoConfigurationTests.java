package dev.springipc.autoconfigure;

import dev.springipc.actuate.IpcEndpoint;
import dev.springipc.actuate.IpcWritableEndpoint;
import dev.springipc.metrics.IpcMessageMeters;
import dev.springipc.metrics.IpcResourceMetrics;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability auto-configurations: present with the actuator and Micrometer, switched by
 * their properties, and absent, without breaking the application, when those jars are missing.
 */
class IpcObservabilityAutoConfigurationTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
                IpcObservationAutoConfiguration.class, IpcHealthContributorAutoConfiguration.class,
                IpcEndpointAutoConfiguration.class, IpcMetricsAutoConfiguration.class,
                HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                EndpointAutoConfiguration.class, MetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues("ipc.namespace=" + TestNames.unique("obs"), "ipc.queues.orders.max-messages=4",
                "management.endpoints.web.exposure.include=ipc");

    @Test
    void healthContributorIpcEndpointAndMetersAreThere() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("ipc")).isNotNull();
            assertThat(context).hasBean("ipcHealthContributor");
            assertThat(context).hasSingleBean(IpcEndpoint.class).doesNotHaveBean(IpcWritableEndpoint.class);
            assertThat(context).hasSingleBean(IpcMessageMeters.class).hasSingleBean(IpcResourceMetrics.class);
        });
    }

    @Test
    void healthContributorIsOffWithManagementHealthIpcEnabledFalse() {
        this.runner.withPropertyValues("management.health.ipc.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("ipcHealthContributor");
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("ipc")).isNull();
        });
    }

    @Test
    void writeOperationsExistOnlyWhenEnabled() {
        this.runner.withPropertyValues("ipc.endpoint.write-operations=true")
            .run((context) -> assertThat(context).hasSingleBean(IpcWritableEndpoint.class));
    }

    @Test
    void applicationWithoutActuatorOrMicrometerStillStarts() {
        new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
                    "org.springframework.boot.actuate", "io.micrometer.core", "org.springframework.boot.micrometer"))
            .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
                    IpcObservationAutoConfiguration.class, IpcHealthContributorAutoConfiguration.class,
                    IpcEndpointAutoConfiguration.class, IpcMetricsAutoConfiguration.class))
            .withPropertyValues("ipc.namespace=" + TestNames.unique("bare"), "ipc.queues.orders.max-messages=4")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasBean("orders").hasBean("ipcTemplate");
                assertThat(context).doesNotHaveBean("ipcHealthContributor")
                    .doesNotHaveBean(IpcEndpoint.class)
                    .doesNotHaveBean(IpcMessageMeters.class);
            });
    }
}
