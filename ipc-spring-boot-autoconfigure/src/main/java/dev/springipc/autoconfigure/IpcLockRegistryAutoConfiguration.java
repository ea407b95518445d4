package dev.springipc.autoconfigure;

import java.util.function.Predicate;

import dev.springipc.core.IpcMutex;
import dev.springipc.core.Permissions;
import dev.springipc.integration.IpcLockRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * An {@link IpcLockRegistry} bean when Spring Integration is on the classpath: locks under
 * {@code ipc.namespace}, removed at shutdown per {@code ipc.cleanup}. Backs off when the
 * application has a {@link LockRegistry} bean of any kind (JDBC, Redis, its own
 * {@code IpcLockRegistry}), so that one stays the only candidate for injection by type.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
@EnableConfigurationProperties(IpcProperties.class)
public final class IpcLockRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockRegistry.class)
    IpcLockRegistry ipcLockRegistry(IpcProperties properties, Environment environment) {
        String namespace = IpcResourceRegistrar.namespace(properties,
                environment.getProperty("spring.application.name", "app"));
        return new IpcLockRegistry(namespace, Permissions.DEFAULT_MODE, removal(properties.getCleanup()));
    }

    private static Predicate<IpcMutex> removal(CleanupPolicy cleanup) {
        return switch (cleanup) {
            case OWNED -> IpcMutex::isOwned;
            case ALWAYS -> (mutex) -> true;
            case NEVER -> (mutex) -> false;
        };
    }

}
