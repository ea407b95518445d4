package dev.springipc.test.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds an {@link IpcListenerTestHarness} to the test's application context: every
 * {@code @IpcListener} method with an {@code id} is recorded, each call with its arguments and
 * its return value or exception, and a test can wait for calls:
 * <pre>{@code
 * @SpringBootTest
 * @IpcListenerTest
 * class OrderListenerTests {
 *     @Autowired IpcListenerTestHarness harness;
 *     ...
 *     IpcListenerInvocation call = harness.awaitInvocations("orders", 1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 * The harness is cleared before each test method. Beans with recorded listeners become class
 * proxies (as with Spring AOP), so their classes must not be final, nor their listener methods
 * final or private.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface IpcListenerTest {

}
