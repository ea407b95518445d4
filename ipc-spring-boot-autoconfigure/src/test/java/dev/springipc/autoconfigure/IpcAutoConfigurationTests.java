package dev.springipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcIdleStrategy;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.SysvKey;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IpcAutoConfigurationTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("ac");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace);

    @Test
    void synchronisationKindsBecomeBeansAndAreRemovedAtClose() {
        this.runner.withPropertyValues("ipc.mutexes.ledger.mode=0660", "ipc.barriers.start.parties=1",
                "ipc.spin-locks.hot.takeover-after=250ms")
            .run((context) -> {
                IpcMutex ledger = context.getBean("ledger", IpcMutex.class);
                assertThat(ledger.permissions().modeString()).isEqualTo("0660");
                ledger.lock();
                ledger.unlock();
                IpcBarrier start = context.getBean("start", IpcBarrier.class);
                assertThat(start.parties()).isEqualTo(1);
                assertThat(start.await(Duration.ofSeconds(1))).isZero();
                IpcSpinLock hot = context.getBean("hot", IpcSpinLock.class);
                assertThat(hot.tryLock()).isTrue();
                hot.unlock();
            });
        for (String key : new String[] { "ledger", "start", "hot" }) {
            assertThat(Path.of("/dev/shm", this.namespace + "." + key)).doesNotExist();
        }
    }

    @Test
    void anEntryDeclaredEmptyGetsEveryDefault() {
        // YAML's "ledger: {}" arrives as an empty string, not as an object.
        this.runner.withPropertyValues("ipc.mutexes.ledger=", "ipc.semaphores.jobs=").run((context) -> {
            assertThat(context.getBean("ledger", IpcMutex.class).name()).isEqualTo("/" + this.namespace + ".ledger");
            IpcSemaphore jobs = context.getBean("jobs", IpcSemaphore.class);
            assertThat(jobs.availablePermits()).isEqualTo(1);
            assertThat(jobs.permissions().modeString()).isEqualTo("0600");
        });
        assertThat(Path.of("/dev/shm", this.namespace + ".ledger")).doesNotExist();
    }

    @Test
    void systemVAndShmKindsAreChosenPerEntry() {
        int semaphoreKey = this.cleanup.sysvKey("sem");
        int queueKey = this.cleanup.sysvKey("queue");
        this.runner.withPropertyValues("ipc.semaphores.jobs.kind=sysv", "ipc.semaphores.jobs.key=" + semaphoreKey,
                "ipc.semaphores.jobs.permits=3", "ipc.queues.legacy.type=sysv", "ipc.queues.legacy.key=" + queueKey,
                "ipc.queues.ticks.type=shm", "ipc.queues.ticks.max-messages=64",
                "ipc.queues.ticks.max-message-size=256B", "ipc.queues.ticks.idle-strategy=busy-spin",
                "ipc.queues.ticks.stall-timeout=250ms", "ipc.queues.ticks.single-producer=true",
                "ipc.queues.ticks.single-consumer=true")
            .run((context) -> {
                IpcSemaphore jobs = context.getBean("jobs", IpcSemaphore.class);
                assertThat(jobs.name()).contains(SysvKey.format(semaphoreKey));
                assertThat(jobs.availablePermits()).isEqualTo(3);
                IpcMessageQueue legacy = context.getBean("legacy", IpcMessageQueue.class);
                assertThat(legacy).isInstanceOf(IpcSysvMessageQueue.class);
                legacy.send("typed".getBytes(StandardCharsets.UTF_8), 7);
                assertThat(legacy.receive(Duration.ofSeconds(1)).map(IpcMessage::type)).contains(7L);
                IpcMessageQueue ticks = context.getBean("ticks", IpcMessageQueue.class);
                assertThat(ticks).isInstanceOf(IpcShmQueue.class);
                assertThat(ticks.maxMessageSize()).isEqualTo(256);
                assertThat(((IpcShmQueue) ticks).idleStrategy()).isEqualTo(IpcIdleStrategy.BUSY_SPIN);
                assertThat(((IpcShmQueue) ticks).stallTimeout()).isEqualTo(Duration.ofMillis(250));
                assertThat(((IpcShmQueue) ticks).singleProducer()).isTrue();
                assertThat(((IpcShmQueue) ticks).singleConsumer()).isTrue();
                ticks.send("tick".getBytes(StandardCharsets.UTF_8));
                assertThat(ticks.receive(Duration.ofSeconds(1)).map(IpcMessage::payloadAsString)).contains("tick");
            });
        assertThatExceptionOfType(IpcNotFoundException.class)
            .isThrownBy(() -> IpcSemaphore.sysv(semaphoreKey).create(CreateMode.OPEN_ONLY).open());
        assertThatExceptionOfType(IpcNotFoundException.class)
            .isThrownBy(() -> IpcMessageQueue.sysv(queueKey).create(CreateMode.OPEN_ONLY).open());
        assertThat(Path.of("/dev/shm", this.namespace + ".ticks")).doesNotExist();
    }

    @Test
    void semaphoreBecomesBeanNamedByKeyWithConfiguredPermits() {
        this.runner.withPropertyValues("ipc.semaphores.jobs.permits=4", "ipc.semaphores.jobs.mode=0640")
            .run((context) -> {
                IpcSemaphore jobs = context.getBean("jobs", IpcSemaphore.class);
                assertThat(jobs.name()).isEqualTo("/" + this.namespace + ".jobs");
                assertThat(jobs.availablePermits()).isEqualTo(4);
                assertThat(jobs.isOwned()).isTrue();
                assertThat(jobs.permissions().modeString()).isEqualTo("0640");
            });
        assertGone("/" + this.namespace + ".jobs");
    }

    @Test
    void segmentBecomesBeanWithDataSize() {
        this.runner.withPropertyValues("ipc.segments.prices.size=1MB").run((context) -> {
            IpcSharedSegment prices = context.getBean("prices", IpcSharedSegment.class);
            assertThat(prices.size()).isEqualTo(1024 * 1024);
            prices.putLong(8, 42);
            assertThat(prices.getLong(8)).isEqualTo(42);
        });
        assertThat(Path.of("/dev/shm", this.namespace + ".prices")).doesNotExist();
    }

    @Test
    void segmentChecksItsSizeUnlessConfiguredNotTo() {
        this.runner.withPropertyValues("ipc.segments.checked.size=4KB", "ipc.segments.fast.size=4KB",
                "ipc.segments.fast.size-checked=false").run((context) -> {
            IpcSharedSegment checked = context.getBean("checked", IpcSharedSegment.class);
            IpcSharedSegment fast = context.getBean("fast", IpcSharedSegment.class);
            // Another process shrinks both to a size that still holds the bytes touched here.
            for (String key : new String[] { "checked", "fast" }) {
                Process truncate = new ProcessBuilder("truncate", "-s", "2048",
                        "/dev/shm/" + this.namespace + "." + key).inheritIO().start();
                assertThat(truncate.waitFor()).isZero();
            }
            assertThatExceptionOfType(IpcException.class).isThrownBy(() -> checked.getLong(0))
                .withMessageContaining("truncated it to 2048 of its 4096 bytes");
            fast.putLong(0, 42);
            assertThat(fast.getLong(0)).isEqualTo(42);
        });
    }

    @Test
    void queueBecomesBeanWithCapacityAndMessageSize() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=5", "ipc.queues.orders.max-message-size=1KB")
            .run((context) -> {
                IpcMessageQueue orders = context.getBean("orders", IpcMessageQueue.class);
                assertThat(orders.capacity()).isEqualTo(5);
                assertThat(orders.maxMessageSize()).isEqualTo(1024);
                orders.send("hello".getBytes(StandardCharsets.UTF_8), 3);
                Optional<IpcMessage> received = orders.receive(Duration.ofSeconds(1));
                assertThat(received).map(IpcMessage::payloadAsString).contains("hello");
            });
        assertThatExceptionOfType(IpcNotFoundException.class).isThrownBy(() -> IpcMessageQueue
            .posix("/" + this.namespace + ".orders").create(CreateMode.OPEN_ONLY).open());
    }

    @Test
    void fifoBecomesBeanInFifoDirectory() {
        this.runner.withPropertyValues("ipc.fifos.audit.framing=length-prefixed").run((context) -> {
            IpcFifo audit = context.getBean("audit", IpcFifo.class);
            assertThat(audit.path()).isEqualTo(Path.of("/tmp", this.namespace + ".audit.fifo"));
            assertThat(Files.exists(audit.path())).isTrue();
        });
        assertThat(Path.of("/tmp", this.namespace + ".audit.fifo")).doesNotExist();
    }

    @Test
    void resourcesAreInjectableByQualifierAndByParameterName() {
        this.runner
            .withPropertyValues("ipc.semaphores.first.permits=1", "ipc.semaphores.second.permits=2")
            .withUserConfiguration(Consumers.class)
            .run((context) -> {
                Consumers.Pair pair = context.getBean(Consumers.Pair.class);
                assertThat(pair.byQualifier().availablePermits()).isEqualTo(2);
                assertThat(pair.byName().availablePermits()).isEqualTo(1);
            });
    }

    @Test
    void userBeanOfTheSameNameWins() {
        String name = this.cleanup.posixName("mine");
        this.runner.withPropertyValues("ipc.semaphores.jobs.permits=4")
            .withBean("jobs", IpcSemaphore.class, () -> IpcSemaphore.builder(name).permits(7).open())
            .run((context) -> {
                assertThat(context).hasSingleBean(IpcSemaphore.class);
                assertThat(context.getBean("jobs", IpcSemaphore.class).name()).isEqualTo(name);
            });
        // The application's own bean is its own business: the starter neither created nor removes it.
        assertThat(this.cleanup.removeLeftovers()).containsExactly("semaphore " + name);
    }

    @Test
    void aUserBeanOfAnUnrelatedTypeUnderADeclaredKeyFailsStartupInsteadOfHidingTheResource() {
        this.runner.withPropertyValues("ipc.semaphores.jobs.permits=4")
            .withBean("jobs", StringBuilder.class, StringBuilder::new)
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .isInstanceOf(InvalidIpcPropertyException.class)
                .hasMessageContaining("ipc.semaphores.jobs")
                .hasMessageContaining("bean 'jobs' (java.lang.StringBuilder)")
                .hasMessageContaining("not an IpcSemaphore"));
    }

    @Test
    void disabledBacksOffEntirely() {
        this.runner.withPropertyValues("ipc.enabled=false", "ipc.semaphores.jobs.permits=4").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(IpcSemaphore.class);
            assertThat(context).doesNotHaveBean(IpcProperties.class);
            assertThat(context).doesNotHaveBean(IpcResourceLifecycle.class);
        });
    }

    @Test
    void otherOperatingSystemBacksOff() {
        this.runner.withPropertyValues("os.name=Mac OS X", "ipc.semaphores.jobs.permits=4").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(IpcSemaphore.class);
            assertThat(context).doesNotHaveBean(IpcResourceLifecycle.class);
        });
    }

    @Test
    void contextCloseRemovesOwnedButKeepsOpenedObjects() {
        String name = this.cleanup.posixName("peer");
        try (IpcSemaphore existing = IpcSemaphore.builder(name).permits(3).open()) {
            this.runner.withPropertyValues("ipc.semaphores.theirs.name=" + name, "ipc.semaphores.mine.permits=1")
                .run((context) -> assertThat(context.getBean("theirs", IpcSemaphore.class).isOwned()).isFalse());
            assertThat(Path.of("/dev/shm", "sem" + name.replace('/', '.'))).exists();
            assertGone("/" + this.namespace + ".mine");
            existing.unlink();
        }
    }

    @Test
    void cleanupAlwaysRemovesOpenedObjectsAndNeverKeepsCreatedOnes() throws Exception {
        String theirs = this.cleanup.posixName("theirs");
        try (IpcSemaphore existing = IpcSemaphore.builder(theirs).open()) {
            this.runner
                .withPropertyValues("ipc.cleanup=always", "ipc.semaphores.theirs.name=" + theirs,
                        "ipc.semaphores.kept.cleanup=never", "ipc.semaphores.kept.name=" + this.cleanup.posixName("kept"))
                .run((context) -> assertThat(context).hasNotFailed());
            assertThat(Path.of("/dev/shm", "sem" + theirs.replace('/', '.'))).doesNotExist();
        }
        // "kept" stays until IpcCleanup removes it; it must exist now.
        assertThat(Files.list(Path.of("/dev/shm")).map(Path::toString).filter((p) -> p.contains(".kept.")).count())
            .isEqualTo(1);
        this.cleanup.removeLeftovers();
    }

    private void assertGone(String name) {
        assertThat(Path.of("/dev/shm", "sem" + name.replace('/', '.'))).doesNotExist();
    }

    @Configuration(proxyBeanMethods = false)
    static class Consumers {

        record Pair(IpcSemaphore byQualifier, IpcSemaphore byName) {
        }

        @Bean
        Pair pair(@Qualifier("second") IpcSemaphore one, IpcSemaphore first) {
            return new Pair(one, first);
        }

    }
}
