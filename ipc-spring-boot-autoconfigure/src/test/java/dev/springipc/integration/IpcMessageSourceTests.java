package dev.springipc.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
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
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Ipc.messageSource}: a polled flow takes what was sent to a POSIX queue, payload and
 * envelope headers, and a poll of an empty queue yields nothing.
 */
class IpcMessageSourceTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void aPolledFlowReceivesWhatWasSentToTheQueue() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
            .withUserConfiguration(PolledFlow.class)
            .withPropertyValues("ipc.namespace=" + TestNames.unique("src"),
                    "ipc.queues.in.name=" + this.cleanup.posixName("in"), "ipc.queues.in.wire-format=envelope",
                    "ipc.queues.in.cleanup=always")
            .run((context) -> {
                QueueChannel received = context.getBean("received", QueueChannel.class);
                assertThat(received.receive(300)).isNull();
                context.getBean(IpcTemplate.class).send("in", MessageBuilder
                    .withPayload("polled".getBytes(StandardCharsets.UTF_8)).setHeader("shift", "night").build());
                Message<?> message = received.receive(Duration.ofSeconds(5).toMillis());
                assertThat(message).isNotNull();
                assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("polled");
                assertThat(message.getHeaders()).containsEntry("shift", "night");
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class PolledFlow {

        @Bean
        QueueChannel received() {
            return new QueueChannel();
        }

        @Bean
        IntegrationFlow polled() {
            return IntegrationFlow.from(Ipc.messageSource("in"), (endpoint) -> endpoint.poller(Pollers.fixedDelay(50)))
                .channel("received")
                .get();
        }
    }
}
