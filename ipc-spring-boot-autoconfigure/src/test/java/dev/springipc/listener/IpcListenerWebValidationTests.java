package dev.springipc.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Valid} payloads in a Spring MVC application, where MVC's {@code mvcValidator} exists
 * beside Boot's (primary) {@code defaultValidator} or beside the application's own validator:
 * listeners are validated with Boot's or the application's validator (MVC's adapter is no
 * candidate), so an invalid order goes to the dead letter and never reaches the method.
 */
class IpcListenerWebValidationTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("web");

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, WebMvcAutoConfiguration.class,
                IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace, "ipc.listener.receive-timeout=100ms",
                "ipc.queues.orders.dead-letter=orders-dlq", "ipc.queues.orders.max-messages=4",
                "ipc.queues.orders-dlq.max-messages=4");

    record Order(String id, @Min(1) int quantity) {
    }

    @Test
    void anInvalidPayloadIsDeadLetteredInAWebApplicationWithTwoValidators() {
        this.runner.withUserConfiguration(ValidListener.class).run((context) -> {
            assertThat(context).hasNotFailed().hasBean("defaultValidator").hasBean("mvcValidator");
            IpcMessageQueue orders = context.getBean("orders", IpcMessageQueue.class);
            orders.send("{\"id\":\"A-1\",\"quantity\":0}".getBytes(StandardCharsets.UTF_8));
            orders.send("{\"id\":\"A-2\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
            ValidListener listener = context.getBean(ValidListener.class);
            assertThat(listener.orders.poll(5, TimeUnit.SECONDS)).isEqualTo(new Order("A-2", 2));
            assertThat(context.getBean("orders-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow()
                .payloadAsString()).contains("\"A-1\"");
            assertThat(listener.orders).isEmpty();
        });
    }

    @Test
    void theApplicationsOwnValidatorIsUsedBesideMvcValidator() {
        this.runner.withUserConfiguration(ValidListener.class, OwnValidator.class).run((context) -> {
            // Boot's defaultValidator backs off; the application's and MVC's are left, neither primary.
            assertThat(context).hasNotFailed().doesNotHaveBean("defaultValidator").hasBean("mvcValidator");
            IpcMessageQueue orders = context.getBean("orders", IpcMessageQueue.class);
            orders.send("{\"id\":\"A-1\",\"quantity\":0}".getBytes(StandardCharsets.UTF_8));
            orders.send("{\"id\":\"A-2\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
            ValidListener listener = context.getBean(ValidListener.class);
            assertThat(listener.orders.poll(5, TimeUnit.SECONDS)).isEqualTo(new Order("A-2", 2));
            assertThat(context.getBean("orders-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow()
                .payloadAsString()).contains("\"A-1\"");
            assertThat(listener.orders).isEmpty();
        });
    }

    /** The application's own Bean Validation validator. */
    @Configuration(proxyBeanMethods = false)
    static class OwnValidator {

        @Bean
        LocalValidatorFactoryBean companyValidator() {
            return new LocalValidatorFactoryBean();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ValidListener {

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        @IpcListener(value = "orders", id = "valid")
        void on(@Valid Order order) {
            this.orders.add(order);
        }

    }
}
