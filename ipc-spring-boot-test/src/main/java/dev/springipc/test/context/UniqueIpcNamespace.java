package dev.springipc.test.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test's application context a namespace of its own, so that IPC objects of two test
 * runs on one host (two CI jobs, two modules, two contexts of one run) never meet: {@code
 * ipc.namespace} becomes {@code <prefix>-<pid>-<n>}, unique per context, and {@code ipc.cleanup}
 * becomes {@code always}. Both override what the application and the test configure.
 * <p>
 * When the context closes, a leak check looks for objects of that namespace still on the host
 * (in {@code /dev/shm}, {@code /dev/mqueue}, the FIFO directory, among the System V objects the
 * context declared, and in the starter's owner records). A leak fails the test that was running
 * when the context closed, with the list of leftovers and how to remove them. Spring caches test
 * contexts and closes most of them only when the JVM exits, after JUnit has finished: add
 * {@code @DirtiesContext} to close the context, and check it, when the test class ends. Contexts
 * still cached at exit are checked too, but a leak can then only be logged.
 * <p>
 * Test classes with the same configuration and the same attributes here share one cached context
 * and so one namespace; read it with {@code @Value("${ipc.namespace}")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UniqueIpcNamespace {

    /**
     * Start of the namespace; default {@code ipc.namespace} as configured, else {@code
     * spring.application.name}, else {@code ipc-test}. Characters other than letters, digits,
     * {@code .}, {@code _} and {@code -} become {@code -}; at most 40 are kept.
     */
    String prefix() default "";

    /** Whether to check, when the context closes, that no object of its namespace is left. */
    boolean leakCheck() default true;

}
