package dev.springipc.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as the README runs it, in a JVM of its own started from the test classpath (the
 * packaged jar exists only after this phase; {@link SampleJarIT} runs that). Each run has its own
 * namespace, so builds on one host do not meet, and must leave nothing of it behind.
 */
class SampleRunTests {

    private final String namespace = SampleProcess.uniqueNamespace();

    @AfterEach
    void removeWhatAFailedRunLeft() {
        SampleProcess.removeLeftovers(this.namespace);
    }

    @Test
    void aBoundedRunShowsBothProcessesTalkingThenEndsAndLeavesNothingBehind() {
        try (PeerProcess sample = SampleProcess.fromClasspath("--ipc.namespace=" + this.namespace,
                "--sample.orders=40")) {
            List<String> lines = sample.remainingLines(Duration.ofSeconds(120));
            assertThat(sample.waitFor(Duration.ofSeconds(5))).as(String.join("\n", lines)).isZero();
            SampleProcess.assertRunReported(lines, this.namespace, 40);
            assertThat(lines).contains("[consumer] stopping: listeners first, then the pipe worker; "
                    + "the producer removes the objects it created");
            assertThat(lines.get(lines.size() - 1)).matches("done; removed [1-9]\\d* objects, nothing left behind");
            assertThat(ProcessHandle.of(SampleProcess.consumerPid(lines)).map(ProcessHandle::isAlive))
                .as("the consumer process").isNotEqualTo(java.util.Optional.of(true));
            assertThat(SampleProcess.leftovers(this.namespace)).isEmpty();
        }
    }

    @Test
    void keepRunningServesTheActuatorUntilCtrlCThenStopsBothAndLeavesNothingBehind() throws Exception {
        try (PeerProcess sample = SampleProcess.fromClasspath("--ipc.namespace=" + this.namespace,
                "--sample.orders=10", "--sample.keep-running=true")) {
            List<String> lines = SampleProcess.linesUntil(sample, (line) -> line.startsWith("ready; keep-running"),
                    Duration.ofSeconds(120));
            SampleProcess.assertRunReported(lines, this.namespace, 10);
            long consumer = SampleProcess.consumerPid(lines);
            int port = SampleProcess.port(lines);

            HttpResponse<String> health = get(port, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode status = JsonMapper.shared().readTree(health.body());
            assertThat(status.path("status").asString()).isEqualTo("UP");
            assertThat(status.path("components").path("ipc").path("status").asString()).isEqualTo("UP");
            assertThat(status.path("components").path("ipc").path("components").path("orders").path("details")
                .path("osName").asString()).isEqualTo("/" + this.namespace + ".orders");
            HttpResponse<String> ipc = get(port, "/actuator/ipc");
            assertThat(ipc.statusCode()).isEqualTo(200);
            assertThat(ipc.body()).contains("shipments", "workers", "ledger", "totals", "audit");
            assertThat(get(port, "/actuator/metrics/ipc.messages.sent").statusCode()).isEqualTo(200);

            // Ctrl-C: SIGINT to the producer only (the one process this test started).
            Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(sample.pid())).start();
            assertThat(interrupt.waitFor()).isZero();
            List<String> rest = sample.remainingLines(Duration.ofSeconds(60));
            assertThat(rest).as(String.join("\n", rest)).anyMatch((line) -> line.startsWith("[consumer] stopping"))
                .anyMatch((line) -> line.matches("done; removed [1-9]\\d* objects, nothing left behind"));
            assertThat(ProcessHandle.of(consumer).map(ProcessHandle::isAlive)).as("the consumer process")
                .isNotEqualTo(java.util.Optional.of(true));
            assertThat(SampleProcess.leftovers(this.namespace)).isEmpty();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
