package dev.springipc.integration;

import java.time.Duration;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.integration.app.IpcGatewayApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Ipc.inboundGateway} flow of a Spring Boot application in a child JVM
 * ({@link IpcGatewayApplication}) answers {@link IpcTemplate#convertSendAndReceive} of this JVM,
 * over a POSIX request queue, with replies on the requester's temporary reply queue and on a
 * declared one.
 */
class IpcInboundGatewayProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void aFlowInAnotherJvmAnswersRequests() {
        List<String> properties = List.of("ipc.namespace=" + TestNames.unique("igw"),
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.wire-format=envelope",
                "ipc.queues.replies.name=" + this.cleanup.posixName("rep"), "ipc.queues.replies.wire-format=envelope");
        try (PeerProcess gateway = IpcGatewayApplication.start(properties)) {
            gateway.awaitLine("ready", STARTUP);
            ApplicationContextRunner requester = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new));
            requester.run((context) -> assertAnswers(context.getBean(IpcTemplate.class), gateway));
            requester.withPropertyValues("ipc.template.reply-queue=replies")
                .run((context) -> assertAnswers(context.getBean(IpcTemplate.class), gateway));
            gateway.terminateAndAwait(Duration.ofSeconds(60));
        }
    }

    private static void assertAnswers(IpcTemplate template, PeerProcess gateway) {
        for (int i = 1; i <= 3; i++) {
            Ticket reply = template.convertSendAndReceive("requests", new Ticket("G-" + i, i), Ticket.class,
                    Duration.ofSeconds(20));
            assertThat(reply).as(gateway.stderr()).isEqualTo(new Ticket("G-" + i + " answered by " + gateway.pid(), i + 1));
        }
    }
}
