package dev.springipc.autoconfigure;

import java.util.Map;

import dev.springipc.actuate.IpcResourceInspector;
import dev.springipc.actuate.IpcTrafficCounts;
import dev.springipc.core.IpcResource;
import dev.springipc.listener.IpcListenerEndpointRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link IpcResourceInspector} the health contributor and the endpoint share: the
 * {@link IpcResource} beans by name (the keys of {@code ipc.*}, and any the application defines),
 * the listener registry and the traffic counts, each looked up when asked.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpcObservabilityProperties.class)
class IpcInspectorConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IpcResourceInspector ipcResourceInspector(ListableBeanFactory beanFactory,
            ObjectProvider<IpcListenerEndpointRegistry> listeners, ObjectProvider<IpcTrafficCounts> traffic,
            IpcObservabilityProperties properties) {
        return new IpcResourceInspector(() -> resources(beanFactory), listeners::getIfAvailable,
                traffic::getIfAvailable, properties.getHealth().getQueueHighWaterMark());
    }

    private static Map<String, IpcResource> resources(ListableBeanFactory beanFactory) {
        return beanFactory.getBeansOfType(IpcResource.class, false, false);
    }
}
