package dev.springipc.autoconfigure;

import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * A registrar of bean definitions derived from the {@code ipc.*} properties. It binds them from
 * the environment itself, because bean definitions are registered before any
 * {@code @ConfigurationProperties} bean exists.
 */
abstract class IpcPropertiesRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment = new StandardEnvironment();

    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    protected final Environment environment() {
        return this.environment;
    }

    /** The {@code ipc.*} properties as they are bound now; all defaults when none are set. */
    protected final IpcProperties bindProperties() {
        return Binder.get(this.environment).bind("ipc", Bindable.of(IpcProperties.class)).orElseGet(IpcProperties::new);
    }
}
