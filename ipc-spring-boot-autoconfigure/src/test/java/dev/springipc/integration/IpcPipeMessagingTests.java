package dev.springipc.integration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcIntegrationAdaptersAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child-process pipe is a message destination like a queue or a FIFO: the template writes to
 * the child's stdin, and a listener or a channel adapter reads the child's stdout. {@code cat}
 * is the child: it echoes what it is sent.
 */
class IpcPipeMessagingTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
                IpcIntegrationAdaptersAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + TestNames.unique("pipemsg"), "ipc.pipes.echo.command[0]=cat");

    @Test
    void aListenerConsumesWhatTheChildPrints() {
        this.runner.withUserConfiguration(EchoListener.class).run((context) -> {
            context.getBean(IpcTemplate.class).convertAndSend("echo", "hello through cat");
            assertThat(context.getBean(EchoListener.class).lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("hello through cat");
        });
    }

    @Test
    void theChannelPropertyBridgesTheChildsOutputIntoAChannel() {
        this.runner.withUserConfiguration(Channels.class).withPropertyValues("ipc.pipes.echo.channel=echoed")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("echo", "bridged");
                Message<?> received = context.getBean("echoed", QueueChannel.class).receive(WAIT.toMillis());
                assertThat(received).isNotNull();
                assertThat(new String((byte[]) received.getPayload())).isEqualTo("bridged");
                assertThat(received.getHeaders()).containsEntry(IpcHeaders.RECEIVED_FROM, "echo");
            });
    }

    @Test
    void anEnvelopeCarriesHeadersThroughTheChild() {
        this.runner.withPropertyValues("ipc.pipes.echo.framing=length-prefixed", "ipc.pipes.echo.wire-format=envelope")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("echo", "with headers", Map.of("x-tenant", "acme"));
                Message<?> received = template.receive("echo", WAIT);
                assertThat(received).isNotNull();
                assertThat(received.getHeaders()).containsEntry("x-tenant", "acme");
                assertThat(new String((byte[]) received.getPayload())).isEqualTo("with headers");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoListener {

        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @IpcListener("echo")
        void onLine(String line) {
            this.lines.add(line);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Channels {

        @Bean
        QueueChannel echoed() {
            return new QueueChannel();
        }
    }
}
