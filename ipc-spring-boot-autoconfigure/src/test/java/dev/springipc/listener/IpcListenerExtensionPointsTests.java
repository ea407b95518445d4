package dev.springipc.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcListenerContainerFactoryConfigurer;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The extension points of the listener infrastructure over real queues: a second container
 * factory built by the configurer (with its own executor and argument resolver), an
 * {@link IpcListenerConfigurer}'s handler method factory, replaced recoverer and default error
 * handler beans, and an {@link IpcOperations} of the application's own.
 */
class IpcListenerExtensionPointsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("ext");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace, "ipc.listener.receive-timeout=100ms",
                "ipc.listener.retry.initial-interval=10ms");

    /** What the custom argument resolvers below resolve: the {@code tenant} header, typed. */
    record Tenant(String name) {
    }

    @Test
    void aSecondFactoryFromTheConfigurerRunsItsListenersOnItsExecutorWithItsResolversAndThePropertiesRetry() {
        this.runner.withUserConfiguration(BulkFactoryListener.class)
            .withPropertyValues("ipc.queues.work.wire-format=envelope", "ipc.listener.retry.max-attempts=2")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("work", "job", Map.of("tenant", "acme"));
                template.convertAndSend("work", "fail", Map.of("tenant", "acme"));
                BulkFactoryListener listener = context.getBean(BulkFactoryListener.class);
                String call = listener.calls.poll(5, TimeUnit.SECONDS);
                assertThat(call).isEqualTo("job for acme");
                assertThat(listener.threads.poll(5, TimeUnit.SECONDS)).startsWith("bulk-");
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("bulk");
                assertThat(container.getConcurrency()).isEqualTo(2);
                await().atMost(WAIT).untilAsserted(() -> assertThat(container.getFailedCount()).isEqualTo(1));
                assertThat(listener.failures).hasValue(2);
            });
    }

    @Test
    void anIpcListenerConfigurersHandlerMethodFactoryResolvesTheArgumentsOfEveryListener() {
        this.runner.withUserConfiguration(ConfiguredListener.class)
            .withPropertyValues("ipc.queues.work.wire-format=envelope")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("work", "job", Map.of("tenant", "acme"));
                assertThat(context.getBean(ConfiguredListener.class).tenants.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new Tenant("acme"));
            });
    }

    @Test
    void aRecovererBeanReplacesTheDeadLetterRecoverer() {
        this.runner.withUserConfiguration(FailingListener.class, RecordingRecoverer.class)
            .withPropertyValues("ipc.queues.work.max-messages=4", "ipc.listener.retry.max-attempts=1")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(IpcDeadLetterRecoverer.class);
                context.getBean("work", IpcMessageQueue.class).send("poison".getBytes(StandardCharsets.UTF_8), 2);
                IpcMessage recovered = context.getBean(RecordingRecoverer.class).recovered.poll(5, TimeUnit.SECONDS);
                assertThat(recovered).isNotNull();
                assertThat(recovered.payloadAsString()).isEqualTo("poison");
                assertThat(recovered.priority()).isEqualTo(2);
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("failing");
                await().atMost(WAIT).untilAsserted(() -> assertThat(container.getDeadLetteredCount()).isEqualTo(1));
            });
    }

    @Test
    void theIpcListenerErrorHandlerBeanHandlesFailuresOfListenersThatNameNone() {
        this.runner.withUserConfiguration(FailingListener.class, DefaultErrorHandler.class)
            .withPropertyValues("ipc.queues.work.max-messages=4", "ipc.listener.retry.max-attempts=1")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("work", "bad");
                Throwable handled = context.getBean(DefaultErrorHandler.class).handled.poll(5, TimeUnit.SECONDS);
                assertThat(handled).hasMessage("cannot process bad");
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("failing");
                assertThat(container.getDeadLetteredCount()).isZero();
            });
    }

    @Test
    void anApplicationsIpcOperationsReplacesTheTemplateAndSendsTheReplies() throws Exception {
        IpcOperations operations = mock(IpcOperations.class);
        this.runner.withBean(IpcOperations.class, () -> operations)
            .withUserConfiguration(ShoutingListener.class)
            .withPropertyValues("ipc.queues.in.max-messages=4")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(IpcTemplate.class);
                context.getBean("in", IpcMessageQueue.class).send("shout".getBytes(StandardCharsets.UTF_8));
                verify(operations, timeout(5000)).convertAndSend(eq("out"), eq("SHOUT"), anyMap());
            });
    }

    /** Resolves a {@link Tenant} parameter from the {@code tenant} header. */
    static final class TenantResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            return new Tenant(String.valueOf(message.getHeaders().get("tenant")));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BulkFactoryListener {

        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

        final AtomicInteger failures = new AtomicInteger();

        @Bean
        IpcListenerContainerFactory bulkFactory(IpcListenerContainerFactoryConfigurer configurer) {
            IpcListenerContainerFactory factory = new IpcListenerContainerFactory();
            configurer.configure(factory);
            factory.setConcurrency(2);
            factory.setTaskExecutor(new SimpleAsyncTaskExecutor("bulk-"));
            factory.setCustomArgumentResolvers(List.of(new TenantResolver()));
            return factory;
        }

        @IpcListener(value = "work", id = "bulk", containerFactory = "bulkFactory")
        void on(String job, Tenant tenant) {
            this.threads.add(Thread.currentThread().getName());
            if (job.equals("fail")) {
                this.failures.incrementAndGet();
                throw new IllegalStateException("failing " + job);
            }
            this.calls.add(job + " for " + tenant.name());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ConfiguredListener {

        final BlockingQueue<Tenant> tenants = new LinkedBlockingQueue<>();

        @Bean
        IpcListenerConfigurer tenantArguments(IpcTemplate template) {
            return (registrar) -> {
                DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
                factory.setMessageConverter(template.getMessageConverter());
                factory.setCustomArgumentResolvers(List.of(new TenantResolver()));
                factory.afterPropertiesSet();
                registrar.setMessageHandlerMethodFactory(factory);
            };
        }

        @IpcListener("work")
        void on(String job, Tenant tenant) {
            this.tenants.add(tenant);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {

        @IpcListener(value = "work", id = "failing")
        void on(String text) {
            throw new IllegalStateException("cannot process " + text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingRecoverer {

        final BlockingQueue<IpcMessage> recovered = new LinkedBlockingQueue<>();

        @Bean
        IpcMessageRecoverer recordingRecoverer() {
            return (listenerId, source, original, failure) -> this.recovered.add(original);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class DefaultErrorHandler {

        final BlockingQueue<Throwable> handled = new LinkedBlockingQueue<>();

        @Bean(IpcMessagingAutoConfiguration.LISTENER_ERROR_HANDLER_BEAN_NAME)
        IpcListenerErrorHandler ipcListenerErrorHandler() {
            return (message, failure) -> this.handled.add(failure);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ShoutingListener {

        @IpcListener("in")
        @SendTo("out")
        String shout(String text) {
            return text.toUpperCase();
        }

    }
}
