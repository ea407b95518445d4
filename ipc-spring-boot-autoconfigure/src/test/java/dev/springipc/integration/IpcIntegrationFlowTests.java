package dev.springipc.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * {@code Ipc} DSL flows over real queues, fed and drained through the core API as a native peer
 * would: inbound adapter to outbound adapter (POSIX), inbound adapters on System V and shm
 * queues, and an unreadable message ending on the error channel with its bytes.
 */
class IpcIntegrationFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("si");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace);

    @Test
    void flowFromInboundAdapterToOutboundAdapterCarriesPayloadAndPriorityToAnotherQueue() {
        this.runner.withUserConfiguration(UppercaseFlow.class)
            .withPropertyValues("ipc.queues.in.max-messages=4", "ipc.queues.out.max-messages=4")
            .run((context) -> {
            try (IpcMessageQueue in = open("in"); IpcMessageQueue out = open("out")) {
                in.send("hello".getBytes(StandardCharsets.UTF_8), 7);
                IpcMessage forwarded = out.receive(WAIT).orElseThrow();
                assertThat(forwarded.payloadAsString()).isEqualTo("HELLO");
                assertThat(forwarded.priority()).isEqualTo(7);
            }
        });
    }

    @Test
    void unreadableEnvelopeGoesToTheErrorChannelWithTheBytesAsReceived() {
        this.runner.withUserConfiguration(EnvelopeFlow.class)
            .withPropertyValues("ipc.queues.in.wire-format=envelope")
            .run((context) -> {
                byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);
                try (IpcMessageQueue in = open("in")) {
                    in.send(garbage);
                }
                Message<?> error = context.getBean("errors", QueueChannel.class).receive(WAIT.toMillis());
                assertThat(error).isInstanceOf(ErrorMessage.class);
                MessagingException failure = (MessagingException) error.getPayload();
                assertThat(failure).hasMessageContaining("'in'").hasMessageContaining("wire-format: raw");
                assertThat(failure.getFailedMessage().getPayload()).isEqualTo(garbage);
                assertThat(failure.getFailedMessage().getHeaders()).containsEntry(IpcHeaders.RECEIVED_FROM, "in");
                assertThat(context.getBean("delivered", QueueChannel.class).getQueueSize()).isZero();
            });
    }

    @Test
    void inboundAdaptersReceiveFromSystemVAndShmQueuesWithTypeAndEnvelopeHeadersAndStopPromptly() {
        this.runner.withUserConfiguration(CollectingFlows.class)
            .withPropertyValues("ipc.queues.sysv.type=sysv", "ipc.queues.sysv.key=" + this.cleanup.sysvKey("sv"),
                    "ipc.queues.shm.type=shm", "ipc.queues.shm.name=" + this.cleanup.posixName("ring"),
                    "ipc.queues.shm.max-messages=8", "ipc.queues.shm.max-message-size=1KB")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("sysv", "from sysv", Map.of(IpcHeaders.TYPE, 42));
                template.convertAndSend("shm", "from shm", Map.of("tenant", "acme"));
                QueueChannel collected = context.getBean("collected", QueueChannel.class);
                Map<Object, Message<?>> byPayload = new HashMap<>();
                for (int i = 0; i < 2; i++) {
                    Message<?> message = collected.receive(WAIT.toMillis());
                    assertThat(message).isNotNull();
                    byPayload.put(message.getPayload(), message);
                }
                assertThat(byPayload.get("from sysv").getHeaders()).containsEntry(IpcHeaders.TYPE, 42L)
                    .containsEntry(IpcHeaders.RECEIVED_FROM, "sysv");
                assertThat(byPayload.get("from shm").getHeaders()).containsEntry("tenant", "acme")
                    .containsEntry(IpcHeaders.RECEIVED_FROM, "shm");
                long started = System.nanoTime();
                context.getBeansOfType(IpcInboundChannelAdapter.class).values().forEach(IpcInboundChannelAdapter::stop);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            });
    }

    @Test
    void anInboundAdapterRunsOnTheTaskExecutorItIsGivenThroughTheSharedReceiveLoop() {
        this.runner.withUserConfiguration(ExecutorFlow.class)
            .withPropertyValues("ipc.queues.in.max-messages=4")
            .run((context) -> {
                try (IpcMessageQueue in = open("in")) {
                    in.send("hello".getBytes(StandardCharsets.UTF_8));
                }
                assertThat(context.getBean(ExecutorFlow.class).threads.poll(5, TimeUnit.SECONDS))
                    .startsWith("flow-");
            });
    }

    @Test
    void anOutboundAdapterSendsThroughAnApplicationsIpcOperations() {
        IpcOperations operations = mock(IpcOperations.class);
        this.runner.withBean(IpcOperations.class, () -> operations)
            .withUserConfiguration(ToMockedOperations.class)
            .run((context) -> {
                context.getBean("ipcBound", MessageChannel.class).send(MessageBuilder.withPayload("hello").build());
                ArgumentCaptor<Message<?>> sent = ArgumentCaptor.captor();
                verify(operations).send(eq("out"), sent.capture());
                assertThat(sent.getValue().getPayload()).isEqualTo("hello");
            });
    }

    private IpcMessageQueue open(String key) {
        return IpcMessageQueue.posix("/" + this.namespace + "." + key).create(CreateMode.OPEN_ONLY).open();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class UppercaseFlow {

        @Bean
        IntegrationFlow uppercase() {
            return IntegrationFlow.from(Ipc.inboundAdapter("in").payloadType(String.class))
                .<String, String>transform(String::toUpperCase)
                .handle(Ipc.outboundAdapter("out"))
                .get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class CollectingFlows {

        @Bean
        QueueChannel collected() {
            return new QueueChannel();
        }

        @Bean
        IntegrationFlow fromSysv(QueueChannel collected) {
            return IntegrationFlow.from(Ipc.inboundAdapter("sysv").payloadType(String.class)).channel(collected).get();
        }

        @Bean
        IntegrationFlow fromShm(QueueChannel collected) {
            return IntegrationFlow.from(Ipc.inboundAdapter("shm").payloadType(String.class)).channel(collected).get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class ToMockedOperations {

        @Bean
        IntegrationFlow toIpc() {
            return IntegrationFlow.from("ipcBound").handle(Ipc.outboundAdapter("out")).get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class ExecutorFlow {

        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

        @Bean
        IntegrationFlow onExecutor() {
            return IntegrationFlow.from(Ipc.inboundAdapter("in").taskExecutor(new SimpleAsyncTaskExecutor("flow-")))
                .handle((message) -> this.threads.add(Thread.currentThread().getName()))
                .get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class EnvelopeFlow {

        @Bean
        QueueChannel errors() {
            return new QueueChannel();
        }

        @Bean
        QueueChannel delivered() {
            return new QueueChannel();
        }

        @Bean
        IntegrationFlow envelopes(QueueChannel errors, QueueChannel delivered) {
            return IntegrationFlow.from(Ipc.inboundAdapter("in").errorChannel(errors)).channel(delivered).get();
        }

    }
}
