package dev.springipc.listener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.app.IpcReplyApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.listener.app.IpcRequesterApplication;
import dev.springipc.messaging.IpcDestination;
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
 * Request-reply without a declared reply queue: each template asks with a temporary reply queue
 * of its own ({@code shm:/<ns>.reply.<pid>.<start>.<n>}, mode 0600), which the replying child
 * application ({@link IpcReplyApplication}, no reply configuration) opens from the reply-to
 * header; two instances of one requesting application do not steal each other's replies; the
 * queue is removed on close and, after a SIGKILL of its requester, by the next start.
 */
class IpcTemporaryReplyQueueProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final Path DEV_SHM = Path.of("/dev/shm");

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final List<String> properties = new ArrayList<>();

    private PeerProcess replier;

    @BeforeEach
    void startReplier() {
        this.properties.addAll(List.of("ipc.namespace=" + TestNames.unique("tmp"),
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.wire-format=envelope"));
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
    void aRequestWithoutAReplyQueueGetsItsReplyOnATemporaryQueueRemovedOnClose() throws Exception {
        List<Path> rings = new ArrayList<>();
        requester().run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            Ticket reply = template.convertSendAndReceive("requests", new Ticket("T-1", 1), Ticket.class,
                    Duration.ofSeconds(20));
            assertThat(reply).as(this.replier.stderr()).isEqualTo(new Ticket("T-1 confirmed by " + this.replier.pid(), 2));
            IpcDestination temporary = template.getTemporaryReplyQueue();
            assertThat(temporary).isNotNull();
            assertThat(temporary.key()).isEqualTo("shm:" + temporary.resource().name())
                .startsWith("shm:/" + namespace() + ".reply." + ProcessHandle.current().pid() + ".");
            Path ring = DEV_SHM.resolve(temporary.resource().name().substring(1));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ring))).isEqualTo("rw-------");
            rings.add(ring);
        });
        assertThat(rings.get(0)).doesNotExist();
    }

    @Test
    void twoInstancesOfOneRequestingApplicationEachGetTheirOwnReplies() throws Exception {
        requester().run((first) -> requester().run((second) -> {
            IpcTemplate one = first.getBean(IpcTemplate.class);
            IpcTemplate two = second.getBean(IpcTemplate.class);
            CompletableFuture<Integer> ones = CompletableFuture.supplyAsync(() -> ask(one, "A"));
            CompletableFuture<Integer> twos = CompletableFuture.supplyAsync(() -> ask(two, "B"));
            assertThat(ones.get(2, TimeUnit.MINUTES)).as(this.replier.stderr()).isEqualTo(200);
            assertThat(twos.get(2, TimeUnit.MINUTES)).isEqualTo(200);
            assertThat(one.getMisroutedReplies() + two.getMisroutedReplies()).isZero();
            assertThat(one.getTemporaryReplyQueue().key()).isNotEqualTo(two.getTemporaryReplyQueue().key());
        }));
    }

    @Test
    void theTemporaryQueueOfAKilledRequesterIsRemovedByTheNextStart() throws Exception {
        String ring;
        try (PeerProcess requester = IpcRequesterApplication.start(this.properties)) {
            String line = requester.nextLine(STARTUP);
            ring = line.substring("replied ".length()).strip();
            assertThat(ring).as(requester.stderr()).startsWith("/" + namespace() + ".reply." + requester.pid() + ".");
            ProcessHandle.of(requester.pid()).orElseThrow().destroyForcibly();
            requester.waitFor(Duration.ofSeconds(30));
        }
        assertThat(DEV_SHM.resolve(ring.substring(1))).exists();
        requester().run((context) -> assertThat(DEV_SHM.resolve(ring.substring(1))).doesNotExist());
    }

    private int ask(IpcTemplate template, String prefix) {
        int right = 0;
        for (int i = 0; i < 200; i++) {
            Ticket reply = template.convertSendAndReceive("requests", new Ticket(prefix + i, i), Ticket.class,
                    Duration.ofSeconds(20));
            if (new Ticket(prefix + i + " confirmed by " + this.replier.pid(), i + 1).equals(reply)) {
                right++;
            }
        }
        return right;
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
