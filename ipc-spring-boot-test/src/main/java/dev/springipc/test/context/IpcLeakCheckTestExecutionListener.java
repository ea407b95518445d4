package dev.springipc.test.context;

import java.util.List;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

/**
 * Fails the running test with the report of every context that left IPC objects behind when it
 * closed. Its after-callbacks run after {@link DirtiesContextTestExecutionListener}'s (a lower
 * order runs later on the way out), so a context that {@code @DirtiesContext} closes is checked
 * and reported by the same test method or class. Registered in {@code META-INF/spring.factories}.
 */
public class IpcLeakCheckTestExecutionListener extends AbstractTestExecutionListener {

    /** Just below {@link DirtiesContextTestExecutionListener}'s 3000. */
    public static final int ORDER = 2950;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        reportLeaks();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        reportLeaks();
    }

    private static void reportLeaks() {
        List<String> reports = IpcLeakReports.take();
        if (!reports.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), reports));
        }
    }
}
