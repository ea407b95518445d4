package dev.springipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole Spring Boot application declaring one resource of each implemented kind.
 */
@SpringBootTest(classes = IpcSpringBootTests.App.class,
        properties = { "ipc.semaphores.jobs.permits=3", "ipc.segments.prices.size=64KB",
                "ipc.queues.orders.max-messages=4", "ipc.fifos.audit.framing=length-prefixed",
                "ipc.pipes.echo.command=cat" })
@DirtiesContext
class IpcSpringBootTests {

    private static final String NAMESPACE = TestNames.unique("boot");

    @DynamicPropertySource
    static void namespace(DynamicPropertyRegistry registry) {
        registry.add("ipc.namespace", () -> NAMESPACE);
    }

    @Autowired
    IpcSemaphore jobs;

    @Autowired
    IpcSharedSegment prices;

    @Autowired
    @Qualifier("orders")
    IpcMessageQueue queue;

    @Autowired
    IpcFifo audit;

    @Autowired
    IpcPipe echo;

    @Autowired
    IpcResourceLifecycle lifecycle;

    @Test
    void everyDeclaredResourceIsInjectedOpenAndOwned() throws Exception {
        assertThat(this.jobs.availablePermits()).isEqualTo(3);
        assertThat(this.prices.size()).isEqualTo(64 * 1024);
        this.queue.send("order".getBytes(StandardCharsets.UTF_8));
        assertThat(this.queue.receive(Duration.ofSeconds(1))).isPresent();
        assertThat(this.audit.framing()).hasToString("LENGTH_PREFIXED");
        this.echo.send("ping".getBytes(StandardCharsets.UTF_8));
        assertThat(this.echo.receive(Duration.ofSeconds(5))).map(IpcMessage::payloadAsString).hasValue("ping");
        assertThat(this.lifecycle.isRunning()).isTrue();
        assertThat(this.lifecycle.resources()).containsExactly(this.jobs, this.prices, this.queue, this.audit,
                this.echo);
        assertThat(this.lifecycle.resources()).allMatch((resource) -> resource.isOwned() && resource.isOpen());
    }

    @SpringBootApplication
    static class App {

    }
}
