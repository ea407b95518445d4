package dev.springipc.listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.app.IpcReplyApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.listener.app.IpcRepeatingRequesterApplication;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two running instances of one requesting application with the same declared
 * {@code ipc.template.reply-queue}: the first to ask claims the reply queue
 * ({@code /dev/shm/<os name>.reply-claim}), the other takes its replies on a temporary reply
 * queue and says so; no reply reaches the wrong instance. The claim goes with its instance, also
 * when it is killed with SIGKILL (the next instance claims the file again and removes it).
 */
class IpcDeclaredReplyQueueProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final int REQUESTS = 300;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final List<String> properties = new ArrayList<>();

    private String replyQueueName;

    private PeerProcess replier;

    @BeforeEach
    void startReplier() {
        this.replyQueueName = this.cleanup.posixName("rep");
        this.properties.addAll(List.of("ipc.namespace=" + TestNames.unique("claim"),
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.wire-format=envelope",
                "ipc.queues.replies.name=" + this.replyQueueName, "ipc.queues.replies.wire-format=envelope",
                "ipc.template.reply-queue=replies"));
        this.replier = IpcReplyApplication.start(this.properties);
        this.replier.awaitLine("ready", STARTUP);
    }

    @AfterEach
    void stopReplier() {
        try (PeerProcess stopping = this.replier) {
            stopping.terminateAndAwait(Duration.ofSeconds(60));
        }
    }

    @Test
    void twoInstancesWithOneDeclaredReplyQueueEachGetTheirOwnRepliesAndTheSecondSaysWhy() {
        try (PeerProcess first = IpcRepeatingRequesterApplication.start(this.properties);
                PeerProcess second = IpcRepeatingRequesterApplication.start(this.properties)) {
            first.awaitLine("ready", STARTUP);
            second.awaitLine("ready", STARTUP);
            first.send("go " + REQUESTS);
            second.send("go " + REQUESTS);
            List<String> firstLog = linesUntilAnswered(first);
            List<String> secondLog = linesUntilAnswered(second);
            String firstResult = firstLog.get(firstLog.size() - 1);
            String secondResult = secondLog.get(secondLog.size() - 1);
            String everyReply = "answered " + REQUESTS + " of " + REQUESTS + " misrouted 0 late 0 via ";
            assertThat(firstResult).as(first.stderr()).startsWith(everyReply);
            assertThat(secondResult).as(second.stderr()).startsWith(everyReply);
            List<String> vias = List.of(via(firstResult), via(secondResult));
            assertThat(vias).as("one claims the declared queue, the other asks with a temporary one")
                .containsOnlyOnce("replies")
                .anySatisfy((key) -> assertThat(key).startsWith("shm:/" + namespace() + ".reply."));
            List<String> fallbackLog = via(firstResult).equals("replies") ? secondLog : firstLog;
            long claimant = via(firstResult).equals("replies") ? first.pid() : second.pid();
            assertThat(fallbackLog).as("the instance that could not claim the queue names it, the claimant and its own queue")
                .anySatisfy((line) -> assertThat(line).contains("The reply queue 'replies' (" + this.replyQueueName
                        + ") is claimed by process " + claimant).contains("temporary reply queue 'shm:/"));
            assertThat(firstLog).as("no reply reached the wrong instance").noneMatch((line) -> line.contains("Dropping a"));
            assertThat(secondLog).noneMatch((line) -> line.contains("Dropping a"));
            assertThat(claimFile()).exists();
            stop(first);
            stop(second);
        }
        assertThat(claimFile()).as("the claimant removed its claim when it closed").doesNotExist();
    }

    @Test
    void theClaimOfAKilledInstanceIsTakenByTheNextInstanceAndRemovedWhenItStops() {
        try (PeerProcess killed = IpcRepeatingRequesterApplication.start(this.properties)) {
            killed.awaitLine("ready", STARTUP);
            killed.send("go 1");
            List<String> log = linesUntilAnswered(killed);
            assertThat(via(log.get(log.size() - 1))).as(killed.stderr()).isEqualTo("replies");
            killed.kill();
        }
        assertThat(claimFile()).as("SIGKILL leaves the file (its lock went with the process)").exists();
        requester().run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            Ticket reply = template.convertSendAndReceive("requests", new Ticket("N-1", 1), Ticket.class,
                    Duration.ofSeconds(20));
            assertThat(reply).as(this.replier.stderr()).isEqualTo(new Ticket("N-1 confirmed by " + this.replier.pid(), 2));
            assertThat(template.getReplyQueueClaim()).as("the next instance claims the declared queue")
                .isEqualTo(claimFile());
            assertThat(template.getTemporaryReplyQueue()).isNull();
        });
        assertThat(claimFile()).as("removed when that instance stopped").doesNotExist();
    }

    private static List<String> linesUntilAnswered(PeerProcess requester) {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = requester.nextLine(Duration.ofMinutes(3));
            lines.add(line);
        }
        while (!line.startsWith("answered "));
        return lines;
    }

    private static void stop(PeerProcess requester) {
        requester.send("stop");
        requester.awaitLine("closed", Duration.ofSeconds(60));
        assertThat(requester.waitFor(Duration.ofSeconds(60))).as(requester.stderr()).isZero();
    }

    private static String via(String result) {
        return result.substring(result.indexOf(" via ") + " via ".length()).strip();
    }

    private Path claimFile() {
        return Path.of("/dev/shm", this.replyQueueName.substring(1) + ".reply-claim");
    }

    private String namespace() {
        return this.properties.get(0).substring("ipc.namespace=".length());
    }

    private ApplicationContextRunner requester() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
            .withPropertyValues(this.properties.toArray(String[]::new));
    }
}
