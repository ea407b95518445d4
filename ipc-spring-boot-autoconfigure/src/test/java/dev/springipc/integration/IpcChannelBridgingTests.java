package dev.springipc.integration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.springipc.autoconfigure.InvalidIpcPropertyException;
import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcIntegrationAdaptersAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declarative bridging: {@code ipc.queues.<key>.channel} and {@code ipc.fifos.<key>.channel}
 * deliver into a {@code MessageChannel} bean without code, and a {@code channel} without
 * Spring Integration on the classpath stops startup with a clear report.
 */
class IpcChannelBridgingTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("bridge");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
                IpcIntegrationAdaptersAutoConfiguration.class))
        .withUserConfiguration(Channels.class)
        .withPropertyValues("ipc.namespace=" + this.namespace);

    @Test
    void queueChannelPropertyDeliversEachMessageIntoThatChannel() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4", "ipc.queues.orders.channel=ordersIn")
            .run((context) -> {
                assertThat(context).hasBean("orders.ipcInboundChannelAdapter");
                try (IpcMessageQueue orders = IpcMessageQueue.posix("/" + this.namespace + ".orders")
                    .create(CreateMode.OPEN_ONLY)
                    .open()) {
                    orders.send("order-1".getBytes(StandardCharsets.UTF_8), 3);
                }
                Message<?> received = context.getBean("ordersIn", QueueChannel.class).receive(WAIT.toMillis());
                assertThat(received).isNotNull();
                assertThat(received.getPayload()).isEqualTo("order-1".getBytes(StandardCharsets.UTF_8));
                assertThat(received.getHeaders()).containsEntry(IpcHeaders.RECEIVED_FROM, "orders")
                    .containsEntry(IpcHeaders.PRIORITY, 3);
            });
    }

    @Test
    void fifoChannelPropertyDeliversEachLineThatEchoWrites() {
        Path fifo = this.cleanup.fifoPath("audit");
        this.runner.withPropertyValues("ipc.fifos.audit.path=" + fifo, "ipc.fifos.audit.channel=auditIn")
            .run((context) -> {
                try (PeerProcess echo = PeerProcess.start("sh", "-c",
                        "echo 'user alice logged in' > " + fifo + " && echo 'user bob logged out' > " + fifo)) {
                    assertThat(echo.waitFor(WAIT)).isZero();
                }
                QueueChannel audit = context.getBean("auditIn", QueueChannel.class);
                assertThat(payloadOf(audit.receive(WAIT.toMillis()))).isEqualTo("user alice logged in");
                assertThat(payloadOf(audit.receive(WAIT.toMillis()))).isEqualTo("user bob logged out");
            });
    }

    @Test
    void channelWithoutSpringIntegrationFailsStartupNamingThePropertyAndTheFix() {
        this.runner.withClassLoader(new FilteredClassLoader(MessageProducerSupport.class))
            .withPropertyValues("ipc.queues.orders.channel=ordersIn")
            .run((context) -> {
                assertThat(context).hasFailed();
                Throwable failure = rootCause(context.getStartupFailure());
                assertThat(failure).isInstanceOf(InvalidIpcPropertyException.class)
                    .hasMessageContaining("ipc.queues.orders.channel=ordersIn needs Spring Integration");
                assertThat(((InvalidIpcPropertyException) failure).action()).contains("spring-integration-core");
            });
    }

    private static String payloadOf(Message<?> message) {
        assertThat(message).isNotNull();
        return new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class Channels {

        @Bean
        QueueChannel ordersIn() {
            return new QueueChannel();
        }

        @Bean
        QueueChannel auditIn() {
            return new QueueChannel();
        }

    }
}
