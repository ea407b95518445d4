package dev.springipc.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches on Linux, read from the {@code os.name} property of the environment (the system
 * property, unless a higher property source overrides it, as tests do).
 */
final class OnLinuxCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String os = context.getEnvironment().getProperty("os.name", "");
        return isLinux(os) ? ConditionOutcome.match("os.name is " + os)
                : ConditionOutcome.noMatch("Linux IPC is not available on " + os);
    }

    /** Matches on any OS but Linux. */
    static final class Negated extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String os = context.getEnvironment().getProperty("os.name", "");
            return isLinux(os) ? ConditionOutcome.noMatch("os.name is " + os)
                    : ConditionOutcome.match("Linux IPC is not available on " + os);
        }

    }

    static boolean isLinux(String os) {
        return os.toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
