package dev.springipc.test.context;

import java.util.Arrays;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs {@link EngineTestKitOnly} test classes in this JVM, in the given order, and returns what
 * JUnit reported: the same engine and the same Spring context cache as a build.
 */
final class NestedTestRuns {

    private NestedTestRuns() {
    }

    static EngineExecutionResults run(Class<?>... testClasses) {
        return EngineTestKit.engine("junit-jupiter")
            .configurationParameter(EngineTestKitOnly.PARAMETER, "true")
            .configurationParameter("junit.jupiter.testclass.order.default",
                    "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
            .selectors(Arrays.stream(testClasses).map(DiscoverySelectors::selectClass)
                .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
            .execute();
    }

    /** The failures JUnit reported, tests and classes alike, as "display name: throwable". */
    static List<String> failures(EngineExecutionResults results) {
        return results.allEvents()
            .failed()
            .stream()
            .map((event) -> event.getTestDescriptor().getDisplayName() + ": " + event
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString)
                .orElse("?"))
            .toList();
    }
}
