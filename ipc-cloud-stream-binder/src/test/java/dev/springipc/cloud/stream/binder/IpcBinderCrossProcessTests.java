package dev.springipc.cloud.stream.binder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producer and consumer in separate JVMs, as the binder is meant to run: a child application
 * publishes to a group consumed here, and the queue of an anonymous consumer killed with SIGKILL
 * is removed by the producer instead of filling up.
 */
class IpcBinderCrossProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    final IpcCleanup cleanup = new IpcCleanup();

    @RegisterExtension
    @Order(2)
    final StreamApps apps = new StreamApps();

    @Test
    void childProcessPublishesToAGroupConsumedHere() throws Exception {
        ConfigurableApplicationContext sink = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=orders",
                "--spring.cloud.stream.bindings.sink-in-0.group=billing");
        try (PeerProcess source = child("source", "orders")) {
            source.awaitLine("ready", STARTUP);
            for (int i = 0; i < 3; i++) {
                source.send("send order-" + i);
                source.awaitLine("sent order-" + i, Duration.ofSeconds(10));
            }
            List<Message<String>> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message<String> message = IpcBinderGroupTests.received(sink).poll(10, TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                received.add(message);
            }
            assertThat(received).extracting(Message::getPayload).containsExactly("order-0", "order-1", "order-2");
            assertThat(received.get(0).getHeaders().get("origin")).isEqualTo("pid-" + source.pid());
            source.send("exit");
            assertThat(source.waitFor(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void killedAnonymousConsumersQueueIsRemovedByTheProducer() throws Exception {
        StreamBridge bridge = this.apps.start(TestStreamApplications.Source.class).getBean(StreamBridge.class);
        try (PeerProcess sink = child("sink", "--spring.cloud.stream.bindings.sink-in-0.destination=ticks")) {
            sink.awaitLine("ready", STARTUP);
            bridge.send("ticks", "tick-1");
            sink.awaitLine("received tick-1 null", Duration.ofSeconds(10));
            assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".ticks.anonymous.")).hasSize(1);
            sink.kill();
            assertThat(sink.waitFor(Duration.ofSeconds(10))).isNotZero();
        }
        // The dead consumer's entry and ring are still there: a send after the producer's next
        // listing (at least once a second) finds the owner gone and removes both.
        Path entries = this.apps.registry().resolve(this.apps.namespace()).resolve("ticks");
        assertThat(entries).isDirectory();
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".ticks.anonymous.")).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Files.exists(entries) && System.nanoTime() < deadline) {
            bridge.send("ticks", "tick-2");
            Thread.sleep(100);
        }
        assertThat(entries).doesNotExist();
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".ticks.anonymous.")).isEmpty();
    }

    private PeerProcess child(String role, String... args) {
        List<String> all = new ArrayList<>();
        all.add(role);
        all.addAll(List.of(args));
        all.addAll(this.apps.commonProperties());
        all.add("--logging.level.root=WARN");
        return ChildJvm.start(ChildStreamApplication.class, all.toArray(String[]::new));
    }
}
