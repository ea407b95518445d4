package dev.springipc.autoconfigure;

import dev.springipc.integration.IpcInboundChannelAdapter;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers an {@link IpcInboundChannelAdapter} bean, named {@code <key>.ipcInboundChannelAdapter},
 * for each queue and FIFO declared with a {@code channel}; its output channel is the
 * {@code MessageChannel} bean of that name, its errors go to the context's {@code errorChannel}.
 */
final class IpcChannelAdapterRegistrar extends IpcPropertiesRegistrar {

    /** Suffix of the adapter bean names. */
    static final String BEAN_NAME_SUFFIX = ".ipcInboundChannelAdapter";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        IpcProperties properties = bindProperties();
        MessagingDeclarations.forEach(properties,
                (path, key, entry) -> register(registry, path, key, entry));
    }

    private static void register(BeanDefinitionRegistry registry, String path, String key,
            IpcProperties.MessageResource entry) {
        String channel = entry.getChannel();
        String beanName = key + BEAN_NAME_SUFFIX;
        if (channel == null || registry.containsBeanDefinition(beanName)) {
            return;
        }
        if (runsFromAotCode()) {
            throw notProcessedAheadOfTime(path + ".channel", beanName);
        }
        RootBeanDefinition definition = new RootBeanDefinition(IpcInboundChannelAdapter.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, key);
        definition.getPropertyValues().add("outputChannelName", channel);
        definition.setDescription("Declared as " + path + ".channel=" + channel);
        registry.registerBeanDefinition(beanName, definition);
    }
}
