package dev.springipc.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.app.IpcReplyApplication;
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
 * Request-reply between two Spring Boot applications in two JVMs: this test's context sends with
 * {@link IpcTemplate#convertSendAndReceive}, an {@code @IpcListener} in a child JVM
 * ({@link IpcReplyApplication}) replies, over each kind of queue and over a pair of FIFOs.
 */
class IpcRequestReplyProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("rr");

    @Test
    void requestReplyOverPosixQueues() {
        assertRoundTrip(List.of("ipc.queues.requests.name=" + this.cleanup.posixName("req"),
                "ipc.queues.requests.wire-format=envelope", "ipc.queues.replies.name=" + this.cleanup.posixName("rep"),
                "ipc.queues.replies.wire-format=envelope"));
    }

    @Test
    void requestReplyOverSystemVQueues() {
        assertRoundTrip(List.of("ipc.queues.requests.type=sysv", "ipc.queues.requests.key=" + this.cleanup.sysvKey("req"),
                "ipc.queues.requests.wire-format=envelope", "ipc.queues.replies.type=sysv",
                "ipc.queues.replies.key=" + this.cleanup.sysvKey("rep"), "ipc.queues.replies.wire-format=envelope"));
    }

    @Test
    void requestReplyOverShmRingsWhoseDefaultFormatIsTheEnvelope() {
        assertRoundTrip(List.of("ipc.queues.requests.type=shm", "ipc.queues.requests.name=" + this.cleanup.posixName("req"),
                "ipc.queues.requests.max-messages=16", "ipc.queues.requests.max-message-size=1KB",
                "ipc.queues.replies.type=shm", "ipc.queues.replies.name=" + this.cleanup.posixName("rep"),
                "ipc.queues.replies.max-messages=16", "ipc.queues.replies.max-message-size=1KB"));
    }

    @Test
    void requestReplyOverAFifoPair() {
        assertRoundTrip(List.of("ipc.fifos.requests.path=" + this.cleanup.fifoPath("req"),
                "ipc.fifos.requests.framing=length-prefixed", "ipc.fifos.requests.wire-format=envelope",
                "ipc.fifos.replies.path=" + this.cleanup.fifoPath("rep"), "ipc.fifos.replies.framing=length-prefixed",
                "ipc.fifos.replies.wire-format=envelope"));
    }

    private void assertRoundTrip(List<String> resources) {
        List<String> properties = new ArrayList<>(resources);
        properties.add("ipc.namespace=" + this.namespace);
        try (PeerProcess replier = IpcReplyApplication.start(properties)) {
            replier.awaitLine("ready", STARTUP);
            new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new))
                .withPropertyValues("ipc.template.reply-queue=replies")
                .run((context) -> {
                    IpcTemplate template = context.getBean(IpcTemplate.class);
                    for (int i = 1; i <= 3; i++) {
                        Ticket reply = template.convertSendAndReceive("requests", new Ticket("T-" + i, i), Ticket.class,
                                Duration.ofSeconds(20));
                        assertThat(reply).as(replier.stderr())
                            .isEqualTo(new Ticket("T-" + i + " confirmed by " + replier.pid(), i + 1));
                    }
                });
            replier.terminateAndAwait(Duration.ofSeconds(60));
        }
    }
}
