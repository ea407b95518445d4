package dev.springipc.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.app.IpcChildApplication;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring Boot application in a child JVM declares one resource of each kind; the stories:
 * stop it with SIGTERM, kill it with SIGKILL and start it again, share its objects with a peer.
 */
class IpcProcessLifecycleTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("proc");

    private final List<PeerProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcessesAndForgetRecords() throws Exception {
        this.processes.forEach(PeerProcess::close);
        TestOwnerRecords.forget(this.namespace);
    }

    @Test
    void sigtermLeavesNothingBehind() {
        PeerProcess app = start();
        app.awaitLine("ready 2 true", STARTUP);
        assertThat(semaphoreFile()).exists();
        assertThat(Path.of("/dev/shm", this.namespace + ".stats")).exists();
        assertThat(fifo()).exists();
        IpcMessageQueue.posix(queueName()).create(CreateMode.OPEN_ONLY).open().close();

        app.terminateAndAwait(Duration.ofSeconds(60));

        assertNothingLeft();
    }

    @Test
    void afterSigkillTheRestartRecreatesTheSemaphoreTheDeadProcessHeld() {
        PeerProcess first = start();
        first.awaitLine("ready 2 true", STARTUP);
        first.send("acquire");
        first.awaitLine("acquired", STARTUP);
        first.send("acquire");
        first.awaitLine("acquired", STARTUP);
        first.kill();
        try (IpcSemaphore left = IpcSemaphore.builder(semaphoreName()).create(CreateMode.OPEN_ONLY).open()) {
            assertThat(left.availablePermits()).isZero();
        }

        PeerProcess second = start();
        second.awaitLine("ready 2 true", STARTUP);
        second.send("acquire");
        second.awaitLine("acquired", Duration.ofSeconds(10));
        second.send("count");
        second.awaitLine("count 0", Duration.ofSeconds(10));
        second.terminateAndAwait(Duration.ofSeconds(60));

        assertNothingLeft();
    }

    @Test
    void theCreatorsStopLeavesSharedObjectsToTheRunningPeerWhichRemovesThemLast() throws Exception {
        PeerProcess creator = start();
        creator.awaitLine("ready 2 true", STARTUP);
        PeerProcess peer = start();
        peer.awaitLine("ready 2 false", STARTUP);

        creator.terminateAndAwait(Duration.ofSeconds(60));
        assertThat(semaphoreFile()).exists();
        peer.send("acquire");
        peer.awaitLine("acquired", Duration.ofSeconds(10));
        peer.send("send still-here");
        peer.awaitLine("sent", Duration.ofSeconds(10));
        try (IpcMessageQueue orders = IpcMessageQueue.posix(queueName()).create(CreateMode.OPEN_ONLY).open()) {
            assertThat(orders.receive(Duration.ofSeconds(5)).orElseThrow().payloadAsString()).isEqualTo("still-here");
        }

        peer.terminateAndAwait(Duration.ofSeconds(60));
        assertNothingLeft();
    }

    @Test
    void aPeerOutlivingACreatorKilledWithSigkillRemovesTheObjectsWhenItStops() {
        PeerProcess creator = start();
        creator.awaitLine("ready 2 true", STARTUP);
        PeerProcess peer = start();
        peer.awaitLine("ready 2 false", STARTUP);

        creator.kill();
        assertThat(semaphoreFile()).exists();
        peer.terminateAndAwait(Duration.ofSeconds(60));

        // The creator can no longer remove what it made: its last live peer inherits the duty.
        assertNothingLeft();
    }

    private PeerProcess start() {
        PeerProcess process = ChildJvm.start(IpcChildApplication.class, "--ipc.namespace=" + this.namespace,
                "--ipc.semaphores.jobs.permits=2", "--ipc.segments.stats.size=4KB",
                "--ipc.queues.orders.max-messages=5", "--ipc.queues.orders.max-message-size=1KB",
                "--ipc.fifos.audit.framing=lines", "--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none");
        this.processes.add(process);
        return process;
    }

    private void assertNothingLeft() {
        assertThat(semaphoreFile()).doesNotExist();
        assertThat(Path.of("/dev/shm", this.namespace + ".stats")).doesNotExist();
        assertThat(fifo()).doesNotExist();
        assertThatExceptionOfType(IpcNotFoundException.class)
            .isThrownBy(() -> IpcMessageQueue.posix(queueName()).create(CreateMode.OPEN_ONLY).open());
        Path records = OwnerRecords.forCurrentUser().root();
        if (Files.isDirectory(records)) {
            assertThat(records.toFile().list()).noneMatch((entry) -> OwnerRecords
                .objectIdOf(Path.of(entry)).contains(this.namespace));
        }
    }

    private String semaphoreName() {
        return "/" + this.namespace + ".jobs";
    }

    private Path semaphoreFile() {
        return Path.of("/dev/shm", "sem." + this.namespace + ".jobs");
    }

    private String queueName() {
        return "/" + this.namespace + ".orders";
    }

    private Path fifo() {
        return Path.of("/tmp", this.namespace + ".audit.fifo");
    }
}
