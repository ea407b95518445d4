package com.example.fresh;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The getting-started guide, as a newcomer runs it: the consumer in one process (a child JVM
 * here, a terminal there), the producer in another; three orders cross, and the consumer's clean
 * stop removes the queue.
 */
class TwoProcessesTests {

    private final String run = "fresh2p" + ProcessHandle.current().pid();

    @Test
    void aProducerProcessSendsOrdersThatAConsumerProcessReceives() throws Exception {
        Path fifoDirectory = Files.createTempDirectory(this.run);
        List<String> common = List.of("--ipc.namespace=" + this.run, "--ipc.fifo-directory=" + fifoDirectory);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                FreshApplication.class.getName(), "--app.role=consumer"));
        command.addAll(common);
        Process consumer = new ProcessBuilder(command).redirectErrorStream(true).start();
        // A consumer that never prints what is awaited must not hang the build: its output then ends.
        CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(consumer::destroyForcibly);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(consumer.getInputStream(), UTF_8))) {
            awaitLine(output, "Started FreshApplication");
            List<String> producerArgs = new ArrayList<>(common);
            producerArgs.add("--app.role=producer");
            SpringApplication.run(FreshApplication.class, producerArgs.toArray(String[]::new)).close();
            assertThat(awaitLine(output, "received order-1")).isEqualTo("received order-1");
            assertThat(awaitLine(output, "received order-")).isEqualTo("received order-2");
            assertThat(awaitLine(output, "received order-")).isEqualTo("received order-3");
        }
        finally {
            consumer.destroy();   // SIGTERM: a clean stop, which removes what the consumer created
            assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Path.of("/dev/shm", this.run + ".prices")).doesNotExist();
        try (var left = Files.list(fifoDirectory)) {
            assertThat(left).isEmpty();
        }
        Files.delete(fifoDirectory);
    }

    /** The next line of the consumer's output that contains {@code text}; fails if it ends first. */
    private static String awaitLine(BufferedReader output, String text) throws Exception {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.contains(text)) {
                return line.strip();
            }
        }
        throw new AssertionError("the consumer ended without printing '" + text + "'");
    }

}
