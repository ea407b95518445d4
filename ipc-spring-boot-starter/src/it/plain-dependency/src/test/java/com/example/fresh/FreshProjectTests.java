package com.example.fresh;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a new user does first, in a project that depends on the starter with a plain
 * {@code <dependency>}: the README's core example, then its Spring Boot example.
 */
class FreshProjectTests {

    private final String run = "fresh" + ProcessHandle.current().pid();

    @Test
    void theReadmeCoreExampleRuns() throws Exception {
        try (IpcMessageQueue orders = IpcMessageQueue.posix("/" + run + ".orders").maxMessages(10).open()) {
            try {
                orders.send("hello".getBytes(UTF_8), 5);
                Optional<IpcMessage> next = orders.receive(Duration.ofSeconds(1));
                assertThat(next).map(IpcMessage::payloadAsString).contains("hello");
                assertThat(next.get().priority()).isEqualTo(5);
            }
            finally {
                orders.unlink();
            }
        }
        try (IpcSemaphore jobs = IpcSemaphore.builder("/" + run + ".jobs").permits(4).mode(0660).open()) {
            try {
                assertThat(jobs.tryAcquire(Duration.ofSeconds(2))).isTrue();
                assertThat(jobs.availablePermits()).isEqualTo(3);
                jobs.release();
            }
            finally {
                jobs.unlink();
            }
        }
        try (IpcSharedSegment prices = IpcSharedSegment.builder("/" + run + ".prices").size(1 << 20).open()) {
            try {
                prices.getAndAddLong(0, 1);
                assertThat(prices.getLong(0)).isEqualTo(1);
            }
            finally {
                prices.unlink();
            }
        }
        try (IpcFifo audit = IpcFifo.builder(run + ".audit.fifo").framing(Framing.LINES).open()) {
            Process cat = new ProcessBuilder("cat", audit.path().toString()).start();
            try (BufferedReader printed = new BufferedReader(new InputStreamReader(cat.getInputStream(), UTF_8))) {
                audit.send("one line".getBytes(UTF_8));                // `cat /tmp/audit.fifo` prints it
                assertThat(printed.readLine()).isEqualTo("one line");
            }
            finally {
                cat.destroy();
                cat.waitFor();
                audit.unlink();
            }
        }
        try (IpcMutex ledger = IpcMutex.builder("/" + run + ".ledger").open()) {
            try {
                ledger.lock();
                try {
                    assertThat(ledger.previousOwnerDied()).isFalse();
                }
                finally {
                    ledger.unlock();
                }
            }
            finally {
                ledger.unlink();
            }
        }
        try (IpcShmQueue ticks = IpcMessageQueue.shm("/" + run + ".ticks").maxMessageSize(256).open()) {
            try {
                ticks.send("tick".getBytes(UTF_8));
                StringBuilder seen = new StringBuilder();
                int handled = ticks.poll((buffer, offset, length, tag) -> {
                    byte[] bytes = new byte[length];
                    buffer.get(offset, bytes);
                    seen.append(new String(bytes, UTF_8));
                }, 64);
                assertThat(handled).isEqualTo(1);
                assertThat(seen).hasToString("tick");
            }
            finally {
                ticks.unlink();
            }
        }
    }

    @Test
    void theReadmeSpringBootExampleGetsItsBeansAndRemovesThemOnClose() throws Exception {
        Path fifoDirectory = Files.createTempDirectory(run);
        String[] args = { "--ipc.namespace=" + run, "--ipc.fifo-directory=" + fifoDirectory };
        Worker worker;
        try (ConfigurableApplicationContext context = SpringApplication.run(FreshApplication.class, args)) {
            worker = context.getBean(Worker.class);
            assertThat(worker.orders.name()).isEqualTo("/" + run + ".orders");
            assertThat(worker.jobs.availablePermits()).isEqualTo(4);
            assertThat(worker.prices.size()).isEqualTo(1 << 20);
            worker.orders.send("order".getBytes(UTF_8));
            assertThat(worker.orders.receive(Duration.ofSeconds(1))).map(IpcMessage::payloadAsString).contains("order");
        }
        // Closing the context removed them (cleanup: always): opening them again finds nothing.
        assertThatExceptionOfType(IpcNotFoundException.class)
            .isThrownBy(() -> IpcMessageQueue.posix("/" + run + ".orders").create(CreateMode.OPEN_ONLY).open());
        assertThat(Path.of("/dev/shm", run + ".prices")).doesNotExist();
        assertThat(Path.of("/dev/shm", "sem." + run + ".jobs")).doesNotExist();
        try (var left = Files.list(fifoDirectory)) {
            assertThat(left).isEmpty();
        }
        Files.delete(fifoDirectory);
    }

}
