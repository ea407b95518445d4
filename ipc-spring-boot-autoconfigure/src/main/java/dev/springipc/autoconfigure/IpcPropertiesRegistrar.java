package dev.springipc.autoconfigure;

import org.springframework.aot.AotDetector;
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

    /**
     * Whether the application was processed ahead of time and runs with
     * {@code spring.aot.enabled=true}: its bean definitions, ours included, were then written as
     * code at build time and registered before any registrar runs, so a registrar only checks
     * that every declaration of this run has its bean.
     */
    protected static boolean runsFromAotCode() {
        return AotDetector.useGeneratedArtifacts();
    }

    /** Fails startup for a declaration that has no bean because the AOT processing did not see it. */
    protected static InvalidIpcPropertyException notProcessedAheadOfTime(String property, String beanName) {
        return new InvalidIpcPropertyException(property, "(declared)",
                "has no bean '" + beanName + "': the application was processed ahead of time without it, and its "
                        + "bean definitions are fixed at build time.",
                "Run the AOT processing (spring-boot:process-aot) again with the properties of this run, or remove "
                        + property + ".");
    }

    /** The {@code ipc.*} properties as they are bound now; all defaults when none are set. */
    protected final IpcProperties bindProperties() {
        return bind(this.environment);
    }

    /** The {@code ipc.*} properties of {@code environment}; all defaults when none are set. */
    static IpcProperties bind(Environment environment) {
        return Binder.get(environment).bind("ipc", Bindable.of(IpcProperties.class)).orElseGet(IpcProperties::new);
    }
}
