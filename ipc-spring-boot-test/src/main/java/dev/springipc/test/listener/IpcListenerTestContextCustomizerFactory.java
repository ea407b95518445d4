package dev.springipc.test.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registers the {@link IpcListenerTestHarness} in contexts of tests annotated with
 * {@link IpcListenerTest}. Registered in {@code META-INF/spring.factories}.
 */
class IpcListenerTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, IpcListenerTest.class) ? new HarnessCustomizer()
                : null;
    }

    /** All alike: tests with the harness and the same configuration share a cached context. */
    static final class HarnessCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            if (!(context instanceof BeanDefinitionRegistry registry)) {
                throw new IllegalStateException("@IpcListenerTest needs a context that takes bean definitions, not "
                        + context.getClass().getName());
            }
            RootBeanDefinition definition = new RootBeanDefinition(IpcListenerTestHarness.class);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(IpcListenerTestHarness.BEAN_NAME, definition);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof HarnessCustomizer;
        }

        @Override
        public int hashCode() {
            return HarnessCustomizer.class.hashCode();
        }
    }
}
