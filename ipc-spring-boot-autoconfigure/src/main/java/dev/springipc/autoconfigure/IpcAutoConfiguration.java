package dev.springipc.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the IPC resources declared under {@code ipc.*}: one bean per resource,
 * named by its key, owned by an {@link IpcResourceLifecycle}. Backs off when
 * {@code ipc.enabled=false}, and on an OS other than Linux with one log line.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IpcProperties.class)
@ImportRuntimeHints(IpcRuntimeHints.class)
@Import({ IpcAutoConfiguration.LinuxConfiguration.class, IpcAutoConfiguration.UnsupportedPlatformConfiguration.class })
public final class IpcAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnLinuxCondition.class)
    static class LinuxConfiguration {

        @Bean
        static IpcResourceRegistrar ipcResourceRegistrar() {
            return new IpcResourceRegistrar();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnLinuxCondition.Negated.class)
    static class UnsupportedPlatformConfiguration {

        private static final Log logger = LogFactory.getLog(IpcAutoConfiguration.class);

        UnsupportedPlatformConfiguration(Environment environment) {
            logger.warn("IPC auto-configuration backs off: Linux IPC is not available on "
                    + environment.getProperty("os.name") + "; no ipc.* resources are created");
        }

    }

}
