package dev.springipc.autoconfigure;

import dev.springipc.integration.IpcInboundChannelAdapter;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Registers an {@link IpcInboundChannelAdapter} bean, named {@code <key>.ipcInboundChannelAdapter},
 * for each queue and FIFO declared with a {@code channel}; its output channel is the
 * {@code MessageChannel} bean of that name, its errors go to the context's {@code errorChannel}.
 */
final class IpcChannelAdapterRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    /** Suffix of the adapter bean names. */
    static final String BEAN_NAME_SUFFIX = ".ipcInboundChannelAdapter";

    private Environment environment = new StandardEnvironment();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        IpcProperties properties = Binder.get(this.environment)
            .bind("ipc", Bindable.of(IpcProperties.class))
            .orElseGet(IpcProperties::new);
        MessagingDeclarations.forEach(properties,
                (kind, key, entry) -> register(registry, "ipc." + kind + "." + key, key, entry));
    }

    private static void register(BeanDefinitionRegistry registry, String path, String key,
            IpcProperties.MessageResource entry) {
        String channel = entry.getChannel();
        String beanName = key + BEAN_NAME_SUFFIX;
        if (channel == null || registry.containsBeanDefinition(beanName)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(IpcInboundChannelAdapter.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, key);
        definition.getPropertyValues().add("outputChannelName", channel);
        definition.setDescription("Declared as " + path + ".channel=" + channel);
        registry.registerBeanDefinition(beanName, definition);
    }
}
