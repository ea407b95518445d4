package dev.springipc.test.listener;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Clears the {@link IpcListenerTestHarness} before each test method of an {@link IpcListenerTest}
 * class, so that a cached context's harness holds only the calls of the running test. Registered
 * in {@code META-INF/spring.factories}.
 */
public class IpcListenerTestHarnessTestExecutionListener extends AbstractTestExecutionListener {

    /** After dependency injection (2000), before the test's own {@code @BeforeEach} methods. */
    public static final int ORDER = 2100;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), IpcListenerTest.class)) {
            testContext.getApplicationContext()
                .getBeanProvider(IpcListenerTestHarness.class)
                .ifAvailable(IpcListenerTestHarness::reset);
        }
    }
}
