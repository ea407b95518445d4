package dev.springipc.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcTemplate;
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
 * The {@code ipc} endpoint with {@code ipc.endpoint.write-operations=true}, over real HTTP: a
 * purge empties a queue, and the traffic of {@code IpcTemplate} shows as {@code sent} and
 * {@code received}.
 */
@SpringBootTest(classes = IpcEndpointWriteOperationsHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=ipc", "ipc.endpoint.write-operations=true",
                "ipc.queues.orders.max-messages=8", "ipc.queues.orders.max-message-size=256" })
@DirtiesContext
class IpcEndpointWriteOperationsHttpTests {

    private static final String NAMESPACE = TestNames.unique("write");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void namespace(DynamicPropertyRegistry registry) {
        registry.add("ipc.namespace", () -> NAMESPACE);
    }

    @LocalServerPort
    int port;

    @Autowired
    IpcTemplate template;

    @Autowired
    @Qualifier("orders")
    IpcMessageQueue orders;

    @Test
    void purgeEmptiesTheQueueAndTemplateTrafficIsCounted() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.template.convertAndSend("orders", "order " + i);
        }
        assertThat(this.template.receive("orders", Duration.ofSeconds(1))).isNotNull();
        DocumentContext before = JsonPath.parse(get("/actuator/ipc/orders").body());
        assertThat(before.read("$.depth", Integer.class)).isEqualTo(2);
        assertThat(before.read("$.sent", Integer.class)).isEqualTo(3);
        assertThat(before.read("$.received", Integer.class)).isEqualTo(1);

        HttpResponse<String> purge = HTTP.send(HttpRequest.newBuilder(uri("/actuator/ipc/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"purge\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(JsonPath.parse(purge.body()).read("$.purged", Integer.class)).isEqualTo(2);
        assertThat(this.orders.depth()).isZero();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    @SpringBootApplication
    static class App {

    }
}
