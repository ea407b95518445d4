package dev.springipc.test.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link UniqueIpcNamespace} on a test class (or an enclosing class of a {@code @Nested}
 * one) and contributes its customizer. Registered in {@code META-INF/spring.factories}.
 */
class UniqueIpcNamespaceContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        UniqueIpcNamespace annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                UniqueIpcNamespace.class);
        return (annotation != null) ? new UniqueIpcNamespaceContextCustomizer(annotation.prefix(),
                annotation.leakCheck()) : null;
    }
}
