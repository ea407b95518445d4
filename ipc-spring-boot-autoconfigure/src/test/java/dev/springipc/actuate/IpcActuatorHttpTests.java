package dev.springipc.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.listener.IpcListener;
import dev.springipc.listener.IpcListenerContainer;
import dev.springipc.listener.IpcListenerEndpointRegistry;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with the actuator and one resource of each kind, asked over real HTTP:
 * {@code /actuator/health} and {@code /actuator/ipc} tell every resource's status and live
 * figures; an object removed or truncated from outside the process turns DOWN and says why, and
 * so does a queue whose listener stopped.
 */
@SpringBootTest(classes = IpcActuatorHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=health,ipc",
                "management.endpoint.health.show-details=always", "ipc.semaphores.jobs.permits=3",
                "ipc.semaphores.tickets.kind=sysv", "ipc.semaphores.tickets.permits=2", "ipc.mutexes.ledger.mode=0600",
                "ipc.barriers.start.parties=2", "ipc.spin-locks.hot.mode=0600", "ipc.segments.prices.size=64KB",
                "ipc.segments.doomed.size=4KB", "ipc.segments.shrunk.size=8KB", "ipc.queues.orders.max-messages=8",
                "ipc.queues.orders.max-message-size=256", "ipc.queues.backlog.max-messages=4",
                "ipc.queues.backlog.max-message-size=64", "ipc.queues.events.type=sysv",
                "ipc.queues.ticks.type=shm", "ipc.queues.ticks.max-messages=16",
                "ipc.queues.ticks.max-message-size=128", "ipc.fifos.audit.framing=lines", "ipc.pipes.echo.command=cat", "ipc.queues.parked.max-messages=4" })
@DirtiesContext
class IpcActuatorHttpTests {

    private static final String NAMESPACE = TestNames.unique("http");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void namespace(DynamicPropertyRegistry registry) {
        registry.add("ipc.namespace", () -> NAMESPACE);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("orders")
    IpcMessageQueue orders;

    @Autowired
    @Qualifier("backlog")
    IpcMessageQueue backlog;

    @Autowired
    IpcListenerEndpointRegistry listeners;

    @Test
    void healthHasOneUpEntryPerResource() throws Exception {
        DocumentContext health = get("/actuator/health").json();
        for (String key : List.of("jobs", "tickets", "ledger", "start", "hot", "prices", "orders", "backlog",
                "events", "ticks", "audit", "echo")) {
            assertThat(health.read("$.components.ipc.components." + key + ".status", String.class)).as(key)
                .isEqualTo("UP");
        }
        assertThat(health.read("$.components.ipc.components.orders.details.kind", String.class)).isEqualTo("queue");
        assertThat(health.read("$.components.ipc.components.orders.details.osName", String.class))
            .isEqualTo("/" + NAMESPACE + ".orders");
    }

    @Test
    void endpointListsEveryResourceWithItsKindAndLiveFigures() throws Exception {
        this.orders.send("a".getBytes(StandardCharsets.UTF_8));
        this.orders.send("b".getBytes(StandardCharsets.UTF_8));
        try {
            Response response = get("/actuator/ipc");
            assertThat(response.status()).isEqualTo(200);
            DocumentContext ipc = response.json();
            List<String> keys = ipc.read("$.resources[*].key");
            assertThat(keys).contains("jobs", "tickets", "ledger", "start", "hot", "prices", "orders", "backlog",
                    "events", "ticks", "audit", "echo");
            Map<String, Object> jobs = resource(ipc, "jobs");
            assertThat(jobs).containsEntry("kind", "semaphore")
                .containsEntry("type", "posix")
                .containsEntry("osName", "/" + NAMESPACE + ".jobs")
                .containsEntry("mode", "0600")
                .containsEntry("owned", true)
                .containsEntry("status", "UP")
                .containsEntry("value", 3)
                .containsKeys("uid", "gid");
            assertThat(resource(ipc, "tickets")).containsEntry("type", "sysv").containsEntry("value", 2);
            assertThat(resource(ipc, "orders")).containsEntry("kind", "queue")
                .containsEntry("type", "posix")
                .containsEntry("depth", 2)
                .containsEntry("capacity", 8)
                .containsEntry("maxMessageSize", 256);
            assertThat(resource(ipc, "ticks")).containsEntry("type", "shm")
                .containsEntry("depth", 0)
                .containsKeys("capacity", "reclaimed");
            assertThat(resource(ipc, "events")).containsEntry("type", "sysv").containsKeys("depth", "capacity");
            assertThat(resource(ipc, "prices")).containsEntry("kind", "segment").containsEntry("size", 64 * 1024);
            assertThat(resource(ipc, "start")).containsEntry("kind", "barrier").containsEntry("parties", 2);
            assertThat(resource(ipc, "ledger")).containsEntry("kind", "mutex").containsKey("ownerDeaths");
            assertThat(resource(ipc, "hot")).containsEntry("kind", "spin-lock").containsKey("holderPid");
            assertThat(resource(ipc, "audit")).containsEntry("kind", "fifo")
                .containsEntry("path", "/tmp/" + NAMESPACE + ".audit.fifo");
            assertThat(resource(ipc, "echo")).containsEntry("kind", "pipe").containsEntry("running", true);

            Map<String, Object> events = get("/actuator/ipc/events").json().read("$");
            assertThat(events).containsEntry("key", "events").containsEntry("status", "UP");
            assertThat(events.get("listeners")).asList().singleElement().asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("id", "eventsListener")
                .containsEntry("running", true)
                .containsEntry("concurrency", 1);
        }
        finally {
            this.orders.receive(Duration.ofSeconds(1));
            this.orders.receive(Duration.ofSeconds(1));
        }
    }

    @Test
    void unknownKeyIsNotFound() throws Exception {
        assertThat(get("/actuator/ipc/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void queueAtItsHighWaterMarkIsOutOfServiceWithDepthAndCapacity() throws Exception {
        for (int i = 0; i < 4; i++) {
            this.backlog.send(new byte[] { (byte) i });
        }
        try {
            Response health = get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            DocumentContext json = health.json();
            assertThat(json.read("$.components.ipc.components.backlog.status", String.class))
                .isEqualTo("OUT_OF_SERVICE");
            assertThat(json.read("$.components.ipc.components.backlog.details.depth", Integer.class)).isEqualTo(4);
            assertThat(json.read("$.components.ipc.components.backlog.details.capacity", Integer.class))
                .isEqualTo(4);
        }
        finally {
            for (int i = 0; i < 4; i++) {
                this.backlog.receive(Duration.ofSeconds(1));
            }
        }
        assertThat(get("/actuator/ipc/backlog").json().read("$.status", String.class)).isEqualTo("UP");
    }

    @Test
    void segmentRemovedFromOutsideTurnsDownAndTheEndpointSaysWhy() throws Exception {
        Path file = Path.of("/dev/shm/" + NAMESPACE + ".doomed");
        assertThat(get("/actuator/ipc/doomed").json().read("$.status", String.class)).isEqualTo("UP");
        Files.delete(file);
        Response health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().read("$.components.ipc.components.doomed.status", String.class)).isEqualTo("DOWN");
        assertThat(health.json().read("$.components.ipc.components.doomed.details.reason", String.class))
            .isEqualTo("vanished: " + file + " no longer exists");
        DocumentContext doomed = get("/actuator/ipc/doomed").json();
        assertThat(doomed.read("$.status", String.class)).isEqualTo("DOWN");
        assertThat(doomed.read("$.statusReason", String.class)).isEqualTo("vanished: " + file + " no longer exists");
    }

    @Test
    void segmentTruncatedByAnotherProcessTurnsDownAndTheEndpointSaysWhy() throws Exception {
        Path file = Path.of("/dev/shm/" + NAMESPACE + ".shrunk");
        assertThat(get("/actuator/ipc/shrunk").json().read("$.status", String.class)).isEqualTo("UP");
        Process truncate = new ProcessBuilder("truncate", "-s", "0", file.toString()).inheritIO().start();
        assertThat(truncate.waitFor()).isZero();
        String reason = "truncated: " + file + " is 0 bytes, this handle mapped 8192; another process shrank it";
        Response health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().read("$.components.ipc.components.shrunk.status", String.class)).isEqualTo("DOWN");
        assertThat(health.json().read("$.components.ipc.components.shrunk.details.reason", String.class))
            .isEqualTo(reason);
        assertThat(get("/actuator/ipc/shrunk").json().read("$.statusReason", String.class)).isEqualTo(reason);
    }

    @Test
    void queueWhoseListenerStoppedIsDownUntilItRunsAgain() throws Exception {
        IpcListenerContainer container = this.listeners.getListenerContainer("parkedListener");
        container.stop();
        try {
            DocumentContext health = get("/actuator/health").json();
            assertThat(health.read("$.components.ipc.components.parked.status", String.class)).isEqualTo("DOWN");
            assertThat(health.read("$.components.ipc.components.parked.details.reason", String.class))
                .isEqualTo("listener 'parkedListener' on 'parked' is not running");
        }
        finally {
            container.start();
        }
        assertThat(get("/actuator/ipc/parked").json().read("$.status", String.class)).isEqualTo("UP");
    }

    private static Map<String, Object> resource(DocumentContext ipc, String key) {
        List<Map<String, Object>> found = ipc.read("$.resources[?(@.key == '" + key + "')]");
        assertThat(found).as(key).hasSize(1);
        return found.get(0);
    }

    private Response get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    record Response(int status, String body) {

        DocumentContext json() {
            return JsonPath.parse(this.body);
        }
    }

    @SpringBootApplication
    static class App {

        @IpcListener(id = "eventsListener", value = "events")
        void onEvent(byte[] event) {
        }

        @IpcListener(id = "parkedListener", value = "parked")
        void onParked(byte[] message) {
        }

    }
}
