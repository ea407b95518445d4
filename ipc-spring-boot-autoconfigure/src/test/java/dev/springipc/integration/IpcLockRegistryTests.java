package dev.springipc.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpcLockRegistry} across real processes: this JVM and child JVMs with their own
 * registries on the same namespace.
 */
class IpcLockRegistryTests {

    private static final Duration START = Duration.ofSeconds(60);

    private static final int INCREMENTS = 2000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("locks");

    @Test
    void threeProcessesIncrementingUnderTheSameKeyLoseNoUpdate() throws Exception {
        String segmentName = this.cleanup.posixName("counter");
        IpcLockRegistry registry = new IpcLockRegistry(this.namespace);
        try (IpcSharedSegment counter = IpcSharedSegment.builder(segmentName).size(4096).open();
                PeerProcess first = contender(segmentName);
                PeerProcess second = contender(segmentName)) {
            // This JVM creates the mutex, so it owns it and removes it at the end.
            registry.obtain("counter");
            first.awaitLine("READY", START);
            second.awaitLine("READY", START);
            first.send("GO");
            second.send("GO");
            LockContender.incrementUnderLock(registry, "counter", counter, INCREMENTS);
            first.awaitLine("DONE", START);
            second.awaitLine("DONE", START);
            first.awaitSuccess(START);
            second.awaitSuccess(START);
            assertThat(counter.getLong(0)).isEqualTo(3L * INCREMENTS);
            counter.unlink();
        }
        finally {
            registry.destroy();
        }
        assertThat(Path.of("/dev/shm", registry.nameOf("counter").substring(1))).doesNotExist();
    }

    @Test
    void lockOfAProcessKilledWithSigkillPassesToAnotherProcessAtOnce() throws Exception {
        IpcLockRegistry registry = new IpcLockRegistry(this.namespace);
        try {
            IpcLock lock = registry.obtain("leader");
            try (PeerProcess holder = ChildJvm.start(LockContender.class, "hold", this.namespace, "leader")) {
                holder.awaitLine("HOLDING", START);
                assertThat(lock.tryLock()).as("lock held by the child").isFalse();

                long killedAt = System.nanoTime();
                holder.kill();
                assertThat(lock.tryLock(5, TimeUnit.SECONDS)).isTrue();
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                System.out.println("SURVIVOR-WAIT lock-registry " + waitedMillis + " ms");
                try {
                    assertThat(lock.previousOwnerDied()).isTrue();
                    assertThat(waitedMillis).isLessThan(2000);
                }
                finally {
                    lock.unlock();
                }
            }
        }
        finally {
            registry.destroy();
        }
    }

    @Test
    void threadsOfOneJvmExcludeEachOtherAndLongOrOddKeysGetValidNames() throws Exception {
        IpcLockRegistry registry = new IpcLockRegistry(this.namespace);
        try {
            String odd = "orders/" + "x".repeat(300) + " ünïcode";
            assertThat(registry.nameOf(odd)).startsWith("/" + this.namespace + ".lock.orders_x").hasSizeLessThan(200);
            assertThat(registry.nameOf("a/b")).isNotEqualTo(registry.nameOf("a_b"));
            IpcLock lock = registry.obtain(odd);
            assertThat(registry.obtain(odd)).isSameAs(lock);
            lock.lock();
            try {
                Thread other = new Thread(() -> assertThat(lock.tryLock()).isFalse());
                other.start();
                other.join();
            }
            finally {
                lock.unlock();
            }
            assertThat(registry.executeLocked(odd, () -> "done")).isEqualTo("done");
        }
        finally {
            registry.destroy();
        }
    }

    private PeerProcess contender(String segmentName) {
        return ChildJvm.start(LockContender.class, "count", this.namespace, "counter", segmentName,
                Integer.toString(INCREMENTS));
    }
}
