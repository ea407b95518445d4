package dev.springipc.cloud.stream.binder.config;

import java.util.Map;

import dev.springipc.cloud.stream.binder.properties.IpcExtendedBindingProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.cloud.stream.config.BindingHandlerAdvise;
import org.springframework.context.annotation.Bean;

/**
 * Makes {@code spring.cloud.stream.ipc.default.*} the defaults of every binding's
 * {@code spring.cloud.stream.ipc.bindings.<binding>.*}, also of a binding that sets some keys of
 * its own (without it, an explicit entry would see none of the defaults). A mapping in the
 * application context, as Rabbit's binder registers; not a binder bean.
 */
@AutoConfiguration
@ConditionalOnClass(BindingHandlerAdvise.class)
public final class IpcBinderDefaultsAutoConfiguration {

    @Bean
    BindingHandlerAdvise.MappingsProvider ipcExtendedPropertiesDefaultMappingsProvider() {
        return () -> Map.of(ConfigurationPropertyName.of("spring.cloud.stream.ipc.bindings"),
                ConfigurationPropertyName.of(IpcExtendedBindingProperties.DEFAULTS_PREFIX));
    }
}
