package dev.springipc.test.context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespaces per context: two configurations (here: two prefixes) get two contexts and two
 * namespaces, two classes with one configuration share one cached context and its namespace, and a cached context still works
 * when a test class comes back to it after another context ran in between (Spring pauses the
 * unused one).
 */
class UniqueIpcNamespaceTests {

    /** Test class name to the namespace it saw. */
    static final Map<String, String> seen = new ConcurrentHashMap<>();

    @Test
    void eachContextHasItsOwnNamespaceAndClassesSharingAContextShareIt() {
        EngineExecutionResults results = NestedTestRuns.run(FirstConfiguration.class, SecondConfiguration.class,
                FirstConfigurationAgain.class);

        assertThat(NestedTestRuns.failures(results)).isEmpty();
        results.testEvents().assertStatistics((stats) -> stats.succeeded(3));
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(seen.get("FirstConfiguration")).matches("orders-" + pid + "-\\d+");
        assertThat(seen.get("SecondConfiguration")).matches("second-" + pid + "-\\d+");
        assertThat(seen.get("FirstConfigurationAgain")).isEqualTo(seen.get("FirstConfiguration"));
    }

    @Test
    void theStartOfTheNamespaceIsMadeSafeForPosixNamesAndShort() {
        assertThat(UniqueNamespaces.next("my app/α")).startsWith("my-app--" + "-");
        assertThat(UniqueNamespaces.next("x".repeat(100))).startsWith("x".repeat(40) + "-");
        assertThat(UniqueNamespaces.next("..")).startsWith("ipc-test-");
        assertThat(UniqueNamespaces.next("a")).isNotEqualTo(UniqueNamespaces.next("a"));
    }

    @Test
    void theCustomizerIsEqualForEqualAttributesSoContextsAreCached() {
        assertThat(new UniqueIpcNamespaceContextCustomizer("", true))
            .isEqualTo(new UniqueIpcNamespaceContextCustomizer("", true))
            .hasSameHashCodeAs(new UniqueIpcNamespaceContextCustomizer("", true))
            .isNotEqualTo(new UniqueIpcNamespaceContextCustomizer("", false))
            .isNotEqualTo(new UniqueIpcNamespaceContextCustomizer("other", true));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class QueueApplication {

    }

    /** Sends through the context's queue and reads the segment, so a closed resource would fail. */
    abstract static class UsesItsObjects {

        @Autowired
        IpcMessageQueue jobs;

        @Autowired
        IpcSharedSegment counters;

        @Autowired
        Environment environment;

        @Value("${ipc.namespace}")
        String namespace;

        @Test
        void seesItsNamespaceAndUsesItsObjects() throws InterruptedException {
            seen.put(getClass().getSimpleName(), this.namespace);
            assertThat(this.environment.getProperty("ipc.cleanup")).isEqualTo("always");
            assertThat(this.jobs.name()).isEqualTo("/" + this.namespace + ".jobs");
            this.jobs.send("job".getBytes(StandardCharsets.UTF_8));
            assertThat(this.jobs.receive(Duration.ofSeconds(1)).map(IpcMessage::payloadAsString)).contains("job");
            assertThat(this.counters.getAndAddLong(0, 1)).isGreaterThanOrEqualTo(0);
            assertThat(new IpcLeftoverFinder(this.namespace, java.nio.file.Path.of("/tmp")).find(List.of()))
                .as("the owner records of a running context, where the leak check looks for them")
                .anySatisfy((leftover) -> assertThat(leftover.object()).contains("owner record of queues:/"
                        + this.namespace + ".jobs"));
        }
    }

    @EngineTestKitOnly
    @Order(1)
    @SpringBootTest(classes = QueueApplication.class, properties = { "spring.application.name=orders",
            "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B", "ipc.segments.counters.size=64B" })
    @UniqueIpcNamespace
    static class FirstConfiguration extends UsesItsObjects {

    }

    @EngineTestKitOnly
    @Order(2)
    @SpringBootTest(classes = QueueApplication.class, properties = { "spring.application.name=orders",
            "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B", "ipc.segments.counters.size=64B" })
    @UniqueIpcNamespace(prefix = "second")
    static class SecondConfiguration extends UsesItsObjects {

    }

    @EngineTestKitOnly
    @Order(3)
    @SpringBootTest(classes = QueueApplication.class, properties = { "spring.application.name=orders",
            "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B", "ipc.segments.counters.size=64B" })
    @UniqueIpcNamespace
    static class FirstConfigurationAgain extends UsesItsObjects {

    }
}
