package dev.springipc.autoconfigure;

import dev.springipc.actuate.IpcResourceHealthIndicator;
import dev.springipc.actuate.IpcResourceInspector;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code ipc} health contributor: one entry per IPC resource. Needs
 * {@code spring-boot-health}; off with {@code management.health.ipc.enabled=false}.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class },
        afterName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
@Import(IpcHealthContributorAutoConfiguration.IpcHealthConfiguration.class)
public final class IpcHealthContributorAutoConfiguration {

    /** Kept apart from the class condition, so that a missing health module never loads its condition class. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("ipc")
    @Import(IpcInspectorConfiguration.class)
    static class IpcHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = { "ipcHealthIndicator", "ipcHealthContributor" })
        HealthContributor ipcHealthContributor(IpcResourceInspector inspector) {
            return IpcResourceHealthIndicator.composite(inspector);
        }

    }

}
