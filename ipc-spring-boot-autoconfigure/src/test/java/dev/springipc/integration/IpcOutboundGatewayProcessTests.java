package dev.springipc.integration;

import java.time.Duration;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.app.IpcReplyApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Ipc.outboundGateway} in this JVM does request-reply with an {@code @IpcListener}
 * of a Spring Boot application in a child JVM ({@link IpcReplyApplication}) over POSIX queues
 * in the envelope format.
 */
class IpcOutboundGatewayProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("gw");

    @Test
    void gatewayGetsTheReplyOfAnIpcListenerInAnotherJvm() {
        List<String> properties = List.of("ipc.namespace=" + this.namespace,
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.wire-format=envelope",
                "ipc.queues.replies.name=" + this.cleanup.posixName("rep"), "ipc.queues.replies.wire-format=envelope");
        try (PeerProcess replier = IpcReplyApplication.start(properties)) {
            replier.awaitLine("ready", STARTUP);
            new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
                .withUserConfiguration(GatewayFlow.class)
                .withPropertyValues(properties.toArray(String[]::new))
                .run((context) -> {
                    MessageChannel requests = context.getBean("tickets", MessageChannel.class);
                    for (int i = 1; i <= 2; i++) {
                        Message<?> reply = new MessagingTemplate().sendAndReceive(requests,
                                MessageBuilder.withPayload(new Ticket("T-" + i, i)).build());
                        assertThat(reply).as(replier.stderr()).isNotNull();
                        assertThat(reply.getPayload())
                            .isEqualTo(new Ticket("T-" + i + " confirmed by " + replier.pid(), i + 1));
                    }
                });
            replier.terminateAndAwait(Duration.ofSeconds(60));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class GatewayFlow {

        @Bean
        IntegrationFlow ticketGateway() {
            return IntegrationFlow.from("tickets")
                .handle(Ipc.outboundGateway("requests")
                    .replyQueue("replies")
                    .replyTimeout(Duration.ofSeconds(20))
                    .replyPayloadType(Ticket.class))
                .get();
        }

    }
}
