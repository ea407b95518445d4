package dev.springipc.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Picks the application's one bean of a type, as {@code ObjectProvider.getIfUnique()} does (a
 * single candidate, else the single {@code @Primary} one), but blind to beans that frameworks
 * register for their own use: Spring Integration's message converters, Spring MVC's validator
 * adapter. Those would otherwise make every application bean of the type ambiguous.
 */
final class BeanSelection {

    /** The MessageConverter beans Spring Integration registers for itself (IntegrationContextUtils). */
    static final Set<String> FRAMEWORK_MESSAGE_CONVERTERS = Set.of("integrationArgumentResolverMessageConverter",
            "datatypeChannelMessageConverter");

    /**
     * Spring MVC's and WebFlux's validator beans: in Spring Boot they adapt the application's
     * validator (the {@code defaultValidator} bean), so they add no candidate of their own.
     */
    static final Set<String> FRAMEWORK_VALIDATORS = Set.of("mvcValidator", "webFluxValidator");

    private BeanSelection() {
    }

    /** Names of the beans of {@code type}, without {@code ignored}. */
    static List<String> candidates(ConfigurableListableBeanFactory beanFactory, Class<?> type, Set<String> ignored) {
        return Arrays.stream(beanFactory.getBeanNamesForType(type, true, true))
            .filter((name) -> !ignored.contains(name))
            .toList();
    }

    /** The name of the one candidate, or of the one primary candidate; null when there is none. */
    static @Nullable String unique(ConfigurableListableBeanFactory beanFactory, List<String> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<String> primary = candidates.stream()
            .filter((name) -> beanFactory.containsBeanDefinition(name)
                    && beanFactory.getMergedBeanDefinition(name).isPrimary())
            .toList();
        return (primary.size() == 1) ? primary.get(0) : null;
    }
}
