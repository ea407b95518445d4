package dev.springipc.test.context;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that fails or leaks on purpose: it runs only when a test starts it through
 * {@link NestedTestRuns} (JUnit's EngineTestKit), never on its own in a build or an IDE.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EngineTestKitOnly.Condition.class)
@interface EngineTestKitOnly {

    String PARAMETER = "dev.springipc.test.engine-test-kit";

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("started by a test through EngineTestKit")
                    : ConditionEvaluationResult.disabled("runs only when a test starts it through EngineTestKit");
        }
    }
}
