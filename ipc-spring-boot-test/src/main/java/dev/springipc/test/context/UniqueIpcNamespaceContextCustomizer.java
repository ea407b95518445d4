package dev.springipc.test.context;

import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Sets a fresh {@code ipc.namespace} and {@code ipc.cleanup=always} in every context it
 * customizes, and installs the {@link IpcLeakCheck}.
 * <p>
 * Equal for equal attributes, so that test classes with the same configuration still share a
 * cached context. That is safe: the namespace is made when a context is created, not per test
 * class, so every context has its own, and classes sharing a context share its objects just as
 * they share its beans.
 */
final class UniqueIpcNamespaceContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "uniqueIpcNamespace";

    private final String prefix;

    private final boolean leakCheck;

    UniqueIpcNamespaceContextCustomizer(String prefix, boolean leakCheck) {
        this.prefix = prefix;
        this.leakCheck = leakCheck;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String namespace = UniqueNamespaces.next(prefix(environment));
        // First, so it wins over application.yml and the test's own properties.
        environment.getPropertySources()
            .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                    Map.of("ipc.namespace", namespace, "ipc.cleanup", "always")));
        if (this.leakCheck) {
            install(new IpcLeakCheck(context, namespace, mergedConfig.getTestClass().getName()), context);
        }
    }

    private String prefix(ConfigurableEnvironment environment) {
        if (!this.prefix.isBlank()) {
            return this.prefix;
        }
        String configured = environment.getProperty("ipc.namespace");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return environment.getProperty("spring.application.name", UniqueNamespaces.DEFAULT_PREFIX);
    }

    private static void install(IpcLeakCheck check, ConfigurableApplicationContext context) {
        context.addApplicationListener(check);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(IpcLeakCheck.BEAN_NAME, check);
        // Registered before any bean exists, it is destroyed last: after the resources are closed and removed.
        if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
            throw new IllegalStateException("The IPC leak check needs a bean factory that destroys singletons ("
                    + DefaultSingletonBeanRegistry.class.getName() + "), not " + beanFactory.getClass().getName()
                    + "; use @UniqueIpcNamespace(leakCheck = false)");
        }
        registry.registerDisposableBean(IpcLeakCheck.BEAN_NAME, check);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UniqueIpcNamespaceContextCustomizer customizer
                && this.prefix.equals(customizer.prefix) && this.leakCheck == customizer.leakCheck;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.prefix, this.leakCheck);
    }
}
