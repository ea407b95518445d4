package dev.springipc.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a method that receives the messages of a queue or FIFO, by key:
 * {@code @IpcListener("orders")}. Parameters are resolved as in other Spring messaging
 * listeners: the payload converted to the parameter type ({@code byte[]}, {@code String}, a POJO
 * from JSON; {@code @Payload} and {@code @Valid} apply), {@code @Header}, {@code @Headers},
 * {@code Message<?>} and the received {@link dev.springipc.core.IpcMessage}. A non-null return
 * value is a reply, sent to the request's reply-to key, else to {@code @SendTo("key")}.
 * <p>
 * A method that throws is retried with back-off ({@code ipc.listener.retry.*}); then the
 * {@link #errorHandler()} may handle the failure, else the {@link IpcMessageRecoverer} takes it
 * (by default the original bytes go to the queue's {@code dead-letter} destination or are logged),
 * and it is counted. String attributes accept placeholders.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IpcListener {

    /** Key (bean name) of the queue or FIFO to receive from. */
    @AliasFor("queue")
    String value() default "";

    /** Alias of {@link #value()}. */
    @AliasFor("value")
    String queue() default "";

    /** Id of the container, for lookups in the registry; default {@code ipcListener#<n>}. */
    String id() default "";

    /** Consumer threads; default {@code ipc.listener.concurrency}. */
    String concurrency() default "";

    /** Whether the container starts with the context; default {@code true}. */
    String autoStartup() default "";

    /**
     * Bean name of an {@link IpcListenerErrorHandler} consulted after the retries; default the
     * container factory's (in Spring Boot: the bean named {@code ipcListenerErrorHandler}, if any).
     */
    String errorHandler() default "";

    /**
     * Bean name of the container factory; default {@code ipcListenerContainerFactory}, or what an
     * {@link IpcListenerConfigurer} sets.
     */
    String containerFactory() default "";

}
