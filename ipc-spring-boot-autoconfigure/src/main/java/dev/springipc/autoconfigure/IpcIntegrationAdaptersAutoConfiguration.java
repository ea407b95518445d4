package dev.springipc.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.integration.endpoint.MessageProducerSupport;

/**
 * Spring Integration bridging without code: every queue or FIFO declared with
 * {@code ipc.queues.<key>.channel} or {@code ipc.fifos.<key>.channel} gets an
 * {@link dev.springipc.integration.IpcInboundChannelAdapter} into the {@code MessageChannel}
 * bean of that name. Backs off without Spring Integration (a declared {@code channel} then fails
 * startup, see {@link MessagingDeclarations}).
 */
@AutoConfiguration(after = IpcMessagingAutoConfiguration.class)
@ConditionalOnClass(MessageProducerSupport.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
public final class IpcIntegrationAdaptersAutoConfiguration {

    @Bean
    static IpcChannelAdapterRegistrar ipcChannelAdapterRegistrar() {
        return new IpcChannelAdapterRegistrar();
    }

}
