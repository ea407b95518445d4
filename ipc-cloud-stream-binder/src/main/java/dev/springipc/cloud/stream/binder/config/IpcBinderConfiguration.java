package dev.springipc.cloud.stream.binder.config;

import java.util.Set;

import dev.springipc.autoconfigure.IpcProperties;
import dev.springipc.cloud.stream.binder.BinderWireCodec;
import dev.springipc.cloud.stream.binder.IpcMessageChannelBinder;
import dev.springipc.cloud.stream.binder.IpcQueueProvisioner;
import dev.springipc.cloud.stream.binder.properties.IpcBinderConfigurationProperties;
import dev.springipc.cloud.stream.binder.properties.IpcExtendedBindingProperties;
import dev.springipc.core.IpcTrust;
import dev.springipc.messaging.IpcHeaderMapper;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.messaging.IpcWireCodec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The {@code ipc} binder's context (a child of the application's, created when a binding first
 * needs the binder): the provisioner and the binder. Registered through
 * {@code META-INF/spring.binders}, never as an application bean: a {@code Binder} bean in the
 * application context would be returned for every binder type, Rabbit's included.
 * <p>
 * Beans of the application context it uses when present: {@link IpcTrafficObserver}s (the
 * starter's meters and endpoint counts) and an {@link IpcHeaderMapper}; it reads
 * {@code ipc.trust.*} as the starter does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(org.springframework.cloud.stream.binder.Binder.class)
@Import({ PropertyPlaceholderAutoConfiguration.class, IpcBinderHealthConfiguration.class,
        IpcBinderMetricsConfiguration.class })
@EnableConfigurationProperties({ IpcBinderConfigurationProperties.class, IpcExtendedBindingProperties.class })
public class IpcBinderConfiguration {

    @Bean
    IpcQueueProvisioner ipcQueueProvisioner(IpcBinderConfigurationProperties properties, Environment environment) {
        return new IpcQueueProvisioner(properties.getNamespace(), properties.getRegistryDirectory(),
                trust(environment));
    }

    @Bean
    IpcMessageChannelBinder ipcMessageChannelBinder(IpcQueueProvisioner provisioner,
            IpcExtendedBindingProperties extendedProperties, ObjectProvider<IpcTrafficObserver> observers,
            ObjectProvider<IpcHeaderMapper> headerMapper) {
        return new IpcMessageChannelBinder(provisioner, extendedProperties,
                new BinderWireCodec(new IpcWireCodec(headerMapper.getIfAvailable(IpcHeaderMapper::new))),
                IpcTrafficObserver.of(observers.orderedStream().toList()));
    }

    /** {@code ipc.trust.*}: whom an existing queue must belong to, as for the starter's queues. */
    private static IpcTrust trust(Environment environment) {
        IpcProperties.Trust trust = Binder.get(environment)
            .bind("ipc.trust", IpcProperties.Trust.class)
            .orElseGet(IpcProperties.Trust::new);
        return new IpcTrust(Set.copyOf(trust.getUsers()), Set.copyOf(trust.getGroups()), trust.isCheckOpenOnly());
    }

}
