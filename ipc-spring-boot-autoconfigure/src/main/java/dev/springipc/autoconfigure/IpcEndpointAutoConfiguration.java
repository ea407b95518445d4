package dev.springipc.autoconfigure;

import dev.springipc.actuate.IpcEndpoint;
import dev.springipc.actuate.IpcResourceInspector;
import dev.springipc.actuate.IpcTrafficCounts;
import dev.springipc.actuate.IpcWritableEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code ipc} actuator endpoint, and of the traffic counts behind its
 * {@code sent} and {@code received} figures. Needs {@code spring-boot-actuator-autoconfigure};
 * the endpoint is read-only unless {@code ipc.endpoint.write-operations=true}.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
        IpcHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
@Import(IpcEndpointAutoConfiguration.IpcEndpointConfiguration.class)
public final class IpcEndpointAutoConfiguration {

    /** Kept apart from the class condition, so that a missing actuator never loads its condition class. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(IpcEndpoint.class)
    @Import(IpcInspectorConfiguration.class)
    static class IpcEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        IpcTrafficCounts ipcTrafficCounts() {
            return new IpcTrafficCounts();
        }

        @Bean
        @ConditionalOnMissingBean(IpcEndpoint.class)
        @ConditionalOnBooleanProperty(name = "ipc.endpoint.write-operations", havingValue = false,
                matchIfMissing = true)
        IpcEndpoint ipcEndpoint(IpcResourceInspector inspector) {
            return new IpcEndpoint(inspector);
        }

        /** Typed as the subclass, so that the endpoint discoverer sees its write operation. */
        @Bean
        @ConditionalOnMissingBean(IpcEndpoint.class)
        @ConditionalOnBooleanProperty(name = "ipc.endpoint.write-operations")
        IpcWritableEndpoint ipcWritableEndpoint(IpcResourceInspector inspector) {
            return new IpcWritableEndpoint(inspector);
        }

    }

}
