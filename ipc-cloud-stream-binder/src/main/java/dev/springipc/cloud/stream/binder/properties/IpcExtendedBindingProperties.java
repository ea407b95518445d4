package dev.springipc.cloud.stream.binder.properties;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.stream.binder.AbstractExtendedBindingProperties;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * The per-binding {@code ipc} settings, {@code spring.cloud.stream.ipc.bindings.<binding>.*},
 * with defaults under {@code spring.cloud.stream.ipc.default.*}.
 */
@ConfigurationProperties("spring.cloud.stream.ipc")
public class IpcExtendedBindingProperties extends
        AbstractExtendedBindingProperties<IpcConsumerProperties, IpcProducerProperties, IpcBindingProperties> {

    /** Where the defaults of every binding are. */
    public static final String DEFAULTS_PREFIX = "spring.cloud.stream.ipc.default";

    @Override
    public String getDefaultsPrefix() {
        return DEFAULTS_PREFIX;
    }

    /**
     * The settings by binding name.
     */
    public Map<String, IpcBindingProperties> getBindings() {
        return doGetBindings();
    }

    @Override
    public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
        return IpcBindingProperties.class;
    }
}
