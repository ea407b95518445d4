package dev.springipc.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.listener.app.IpcReplyApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers of {@link IpcTemplate#convertSendAndReceive} on one template, against an
 * {@code @IpcListener} in a child JVM ({@link IpcReplyApplication}): requests are in flight
 * together, every caller gets its own reply, late replies are dropped and counted, and a caller
 * still waiting when the context closes is told that the application is stopping.
 */
class IpcConcurrentRequestReplyProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final int CALLERS = 16;

    private static final int REQUESTS_PER_CALLER = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final List<String> properties = new ArrayList<>();

    private PeerProcess replier;

    @BeforeEach
    void startReplier() {
        this.properties.addAll(List.of("ipc.namespace=" + TestNames.unique("crr"),
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.wire-format=envelope",
                "ipc.queues.replies.name=" + this.cleanup.posixName("rep"), "ipc.queues.replies.wire-format=envelope"));
        this.replier = IpcReplyApplication.start(this.properties);
        this.replier.awaitLine("ready", STARTUP);
    }

    @AfterEach
    void stopReplier() {
        try (PeerProcess stopping = this.replier) {
            stopping.terminateAndAwait(Duration.ofSeconds(60)); // SIGTERM: it removes its queues
        }
    }

    @Test
    void everyConcurrentCallerGetsItsOwnReply() {
        requester().run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            AtomicInteger crossed = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<CompletableFuture<Integer>> answered = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    int caller = c;
                    answered.add(CompletableFuture.supplyAsync(() -> {
                        int replies = 0;
                        for (int i = 0; i < REQUESTS_PER_CALLER; i++) {
                            String id = "C" + caller + "-" + i;
                            Ticket reply = template.convertSendAndReceive("requests", new Ticket(id, i), Ticket.class,
                                    Duration.ofSeconds(30));
                            if (reply != null) {
                                replies++;
                                if (!reply.equals(new Ticket(id + " confirmed by " + this.replier.pid(), i + 1))) {
                                    crossed.incrementAndGet();
                                }
                            }
                        }
                        return replies;
                    }, callers));
                }
                int total = 0;
                for (CompletableFuture<Integer> each : answered) {
                    total += each.get(5, TimeUnit.MINUTES);
                }
                assertThat(total).as(this.replier.stderr()).isEqualTo(CALLERS * REQUESTS_PER_CALLER);
                assertThat(crossed).hasValue(0);
                assertThat(template.getLateReplies()).isZero();
                assertThat(template.getMisroutedReplies()).isZero();
            }
            finally {
                callers.shutdownNow();
            }
        });
    }

    @Test
    void aReplyAfterItsCallerTimedOutIsDroppedAndCountedNotHandedToTheNextCaller() {
        requester().run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            AtomicInteger observedLate = new AtomicInteger();
            template.setTrafficObserver(new IpcTrafficObserver() {

                @Override
                public void lateReply(IpcDestination replies) {
                    observedLate.incrementAndGet();
                }
            });
            assertThat(template.convertSendAndReceive("requests", new Ticket("slow-1", 1500), Ticket.class,
                    Duration.ofMillis(200)))
                .isNull();
            // Queued behind the slow request, so its reply comes after the late one.
            Ticket next = template.convertSendAndReceive("requests", new Ticket("T-2", 2), Ticket.class,
                    Duration.ofSeconds(20));
            assertThat(next).isEqualTo(new Ticket("T-2 confirmed by " + this.replier.pid(), 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (template.getLateReplies() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // with a concurrent listener the late reply may come after T-2's
            }
            assertThat(template.getLateReplies()).isEqualTo(1);
            assertThat(observedLate).hasValue(1);
            assertThat(template.getMisroutedReplies()).isZero();
        });
    }

    @Test
    void aCallerWaitingWhileTheContextClosesIsToldTheApplicationIsStopping() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        requester().run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            Thread caller = new Thread(() -> {
                try {
                    outcome.complete(template.convertSendAndReceive("requests", new Ticket("slow-3", 5000),
                            Ticket.class, Duration.ofSeconds(30)));
                }
                catch (RuntimeException ex) {
                    outcome.complete(ex);
                }
            });
            caller.start();
            Thread.sleep(500); // the request is out, the caller waits for its reply
        });
        Object result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result).asInstanceOf(InstanceOfAssertFactories.THROWABLE)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the application is stopping");
    }

    private ApplicationContextRunner requester() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
            .withPropertyValues(this.properties.toArray(String[]::new))
            .withPropertyValues("ipc.template.reply-queue=replies");
    }
}
