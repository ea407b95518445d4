package dev.springipc.test.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.SysvKey;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak check run for real: test classes that leak on purpose, started through EngineTestKit,
 * fail with the leftovers and how to remove them; a context that removes everything passes.
 * Whatever the nested classes leave is removed here afterwards.
 */
class IpcLeakCheckTests {

    /** The namespace of the last nested context, so the leftovers can be removed. */
    static volatile @Nullable String namespace;

    @AfterEach
    void removeWhatTheNestedTestsLeft() throws IOException {
        String ns = namespace;
        if (ns == null) {
            return;
        }
        Files.deleteIfExists(Path.of("/dev/shm", ns + ".by-hand"));
        Files.deleteIfExists(Path.of("/dev/shm", "sem." + ns + ".slots"));
        Files.deleteIfExists(Path.of("/tmp", ns + ".trace.fifo"));
        unlinkQuietly(() -> IpcMessageQueue.posix("/" + ns + ".jobs").create(CreateMode.OPEN_ONLY).open());
        unlinkQuietly(() -> IpcMessageQueue.sysv(SysvKey.of("/" + ns + ".audit")).create(CreateMode.OPEN_ONLY).open());
        namespace = null;
    }

    @Test
    void aContextThatRemovesItsObjectsPasses() {
        EngineExecutionResults results = NestedTestRuns.run(CleanContext.class);

        results.testEvents().assertStatistics((stats) -> stats.succeeded(1).failed(0));
        results.containerEvents().assertStatistics((stats) -> stats.failed(0));
    }

    @Test
    void anObjectMadeUnderTheNamespaceAndNotRemovedFailsTheTestClass() {
        EngineExecutionResults results = NestedTestRuns.run(ObjectMadeByHand.class);

        results.testEvents().assertStatistics((stats) -> stats.succeeded(1).failed(0));
        String ns = namespace;
        assertThat(failureOf(results)).contains("IPC objects of namespace '" + ns + "' outlived the test context of "
                + ObjectMadeByHand.class.getName())
            .contains("POSIX shared memory /" + ns + ".by-hand at /dev/shm/" + ns + ".by-hand: remove with rm /dev/shm/"
                    + ns + ".by-hand");
    }

    @Test
    void aLeakFoundWhenAMethodDirtiesTheContextFailsThatMethod() {
        EngineExecutionResults results = NestedTestRuns.run(LeakPerMethod.class);

        results.testEvents().assertStatistics((stats) -> stats.failed(1).succeeded(0));
        assertThat(NestedTestRuns.failures(results)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .startsWith("makesASegmentAndForgetsToRemoveIt(): java.lang.AssertionError: IPC objects of namespace '"
                    + namespace + "'")
            .contains("rm /dev/shm/" + namespace + ".by-hand");
    }

    @Test
    void declaredObjectsKeptByTheirOwnCleanupAreListedWithHowToRemoveThem() {
        EngineExecutionResults results = NestedTestRuns.run(DeclaredObjectsKept.class);

        String ns = namespace;
        String sysvKey = SysvKey.format(SysvKey.of("/" + ns + ".audit"));
        assertThat(failureOf(results))
            .contains("POSIX semaphore /" + ns + ".slots at /dev/shm/sem." + ns + ".slots: remove with rm /dev/shm/sem."
                    + ns + ".slots")
            .contains("POSIX message queue /" + ns + ".jobs")
            .contains("System V message queue key " + sysvKey + ": remove with ipcrm -Q " + sysvKey)
            .contains("FIFO /tmp/" + ns + ".trace.fifo: remove with rm /tmp/" + ns + ".trace.fifo");
    }

    private static String failureOf(EngineExecutionResults results) {
        Event failed = results.containerEvents().failed().list().stream().findFirst().orElseThrow(
                () -> new AssertionError("Expected the nested test class to fail; events: " + results.allEvents().list()));
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
            .map(Throwable::getMessage)
            .orElseThrow();
    }

    private static void unlinkQuietly(QueueOpener opener) {
        try (IpcMessageQueue queue = opener.open()) {
            queue.unlink();
        }
        catch (IpcException ex) {
            // Already gone: nothing to remove.
        }
    }

    @FunctionalInterface
    interface QueueOpener {

        IpcMessageQueue open();

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class LeakApplication {

    }

    @EngineTestKitOnly
    @SpringBootTest(classes = LeakApplication.class, properties = { "ipc.segments.prices.size=4KB",
            "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B", "ipc.semaphores.slots.permits=1",
            "ipc.fifos.trace.framing=lines", "ipc.queues.audit.type=sysv", "ipc.queues.audit.max-message-size=128B",
            "ipc.semaphores.turns.kind=sysv", "ipc.mutexes.ledger.mode=0600", "ipc.queues.ring.type=shm" })
    @UniqueIpcNamespace
    @DirtiesContext
    static class CleanContext {

        @Value("${ipc.namespace}")
        String namespace;

        @Test
        void usesItsObjects() {
            IpcLeakCheckTests.namespace = this.namespace;
            assertThat(Path.of("/dev/shm", this.namespace + ".prices")).exists();
        }
    }

    @EngineTestKitOnly
    @SpringBootTest(classes = LeakApplication.class)
    @UniqueIpcNamespace
    @DirtiesContext
    static class ObjectMadeByHand {

        @Value("${ipc.namespace}")
        String namespace;

        @Test
        void makesASegmentAndForgetsToRemoveIt() {
            IpcLeakCheckTests.namespace = this.namespace;
            IpcSharedSegment.builder("/" + this.namespace + ".by-hand").size(64).open().close();
        }
    }

    @EngineTestKitOnly
    @SpringBootTest(classes = LeakApplication.class)
    @UniqueIpcNamespace
    @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
    static class LeakPerMethod extends ObjectMadeByHand {

    }

    @EngineTestKitOnly
    @SpringBootTest(classes = LeakApplication.class, properties = { "ipc.semaphores.slots.cleanup=never",
            "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B", "ipc.queues.jobs.cleanup=never",
            "ipc.queues.audit.type=sysv", "ipc.queues.audit.max-message-size=128B", "ipc.queues.audit.cleanup=never",
            "ipc.fifos.trace.framing=lines", "ipc.fifos.trace.cleanup=never" })
    @UniqueIpcNamespace
    @DirtiesContext
    static class DeclaredObjectsKept {

        @Value("${ipc.namespace}")
        String namespace;

        @Test
        void opensThem() {
            IpcLeakCheckTests.namespace = this.namespace;
        }
    }
}
