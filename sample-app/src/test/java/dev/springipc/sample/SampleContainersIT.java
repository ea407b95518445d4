package dev.springipc.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's producer and consumer in two containers that share one IPC namespace, as the
 * containers of one Kubernetes pod do: the first is started with {@code --ipc=shareable} (and a
 * larger {@code /dev/shm}), the second with {@code --ipc=container:<id of the first>}, and both
 * see the FIFO directory through a shared volume. The producer starts no child here
 * ({@code --sample.partner=false}); the consumer is the other container. Skipped without a Docker
 * engine: {@link SampleRunTests} covers the same path with processes on this host.
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleContainersIT {

    private static final String FIFO_DIRECTORY = "/var/run/ipc";

    private static final ImageFromDockerfile IMAGE = new ImageFromDockerfile("ipc-sample-app-it", true)
        .withFileFromPath("app.jar", Path.of("target", "ipc-sample-app.jar").toAbsolutePath())
        .withDockerfileFromBuilder((dockerfile) -> dockerfile.from("eclipse-temurin:17-jre")
            .copy("app.jar", "/app.jar")
            .run("mkdir -p " + FIFO_DIRECTORY)
            .volume(FIFO_DIRECTORY)
            .entryPoint("java", "-Xmx256m", "-jar", "/app.jar")
            .build());

    @Test
    void messagesCrossBetweenTwoContainersOfOneIpcNamespace() {
        String namespace = "ipc-sample-containers";
        try (GenericContainer<?> producer = new GenericContainer<>(IMAGE)
            .withCommand("--spring.profiles.active=producer", "--sample.partner=false", "--sample.orders=40",
                    "--ipc.namespace=" + namespace, "--ipc.fifo-directory=" + FIFO_DIRECTORY)
            .withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
                .withIpcMode("shareable")
                .withShmSize(256L * 1024 * 1024))) {
            producer.start();
            String producerId = producer.getContainerId();
            try (GenericContainer<?> consumer = new GenericContainer<>(IMAGE)
                .withCommand("--spring.profiles.active=consumer", "--ipc.namespace=" + namespace,
                        "--ipc.fifo-directory=" + FIFO_DIRECTORY)
                .withVolumesFrom(producer, BindMode.READ_WRITE)
                .withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig().withIpcMode("container:" + producerId))) {
                consumer.start();
                await().atMost(Duration.ofMinutes(2)).until(() -> producer.getLogs().contains("done; removed"));
                String producerLog = producer.getLogs();
                assertThat(producerLog).contains("producer and consumer met at the barrier /" + namespace + ".start")
                    .contains("sent 40 orders", "received 40 shipments")
                    .containsPattern("request-reply: consumer pid \\d+ handled 40 orders")
                    .containsPattern("running total [\\d.]+ over 40 orders .*: match")
                    .contains("audit: 40 lines on the FIFO");
                assertThat(consumer.getLogs()).contains("listening on 'orders'");
            }
        }
    }
}
