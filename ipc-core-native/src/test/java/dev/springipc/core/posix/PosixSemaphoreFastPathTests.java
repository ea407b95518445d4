package dev.springipc.core.posix;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

import dev.springipc.core.CreateMode;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.testsupport.BlockedCall;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java fast path on glibc's {@code sem_t}: when it is chosen, that it interoperates with C
 * callers of {@code sem_*} in both directions (tokens and wake-ups), that waiters deregister, and
 * that anything it does not recognise falls back to JNA. Behaviour common to both paths is in
 * {@code SemaphoreKindsTests}; the multi-process stress in {@code PosixSemaphoreStressTests}.
 */
class PosixSemaphoreFastPathTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private PosixSemaphore open(String name, int permits, boolean allowFastPath) {
        return this.cleanup.track(PosixSemaphore.open(name, permits, 0600, CreateMode.OPEN_OR_CREATE, allowFastPath));
    }

    private PosixSemaphore openFast(String tag, int permits) {
        PosixSemaphore semaphore = open(this.cleanup.posixName(tag), permits, true);
        assertThat(semaphore.implementation()).isEqualTo(GlibcSemaphoreCore.IMPLEMENTATION);
        return semaphore;
    }

    @Test
    void fastPathIsChosenOnThisGlibcAndTheFallbackWhenNotAllowed() {
        // Debian 12 (glibc 2.36, x86-64) here and in CI: the gate and the self-test must pass.
        assertThat(SemaphoreFastPath.platformRefusal()).isNull();
        openFast("chosen", 1).unlink();
        PosixSemaphore fallback = open(this.cleanup.posixName("fallback"), 1, false);
        assertThat(fallback.implementation()).isEqualTo(JnaSemaphoreCore.IMPLEMENTATION);
        fallback.unlink();
    }

    @Test
    void platformGateAdmitsOnly64BitLittleEndianGlibcFrom221() {
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "amd64", ByteOrder.LITTLE_ENDIAN, 8, "2.36")).isNull();
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "aarch64", ByteOrder.LITTLE_ENDIAN, 8, "2.21")).isNull();
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "amd64", ByteOrder.LITTLE_ENDIAN, 8, "2.41.9000")).isNull();
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "amd64", ByteOrder.LITTLE_ENDIAN, 8, "3.0")).isNull();
        for (String old : new String[] { "2.20", "2.9", "1.99", "garbage" }) {
            assertThat(SemaphoreFastPath.staticRefusal("Linux", "amd64", ByteOrder.LITTLE_ENDIAN, 8, old)).as(old)
                    .contains("predates");
        }
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "amd64", ByteOrder.LITTLE_ENDIAN, 8, null))
                .contains("musl");
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "i386", ByteOrder.LITTLE_ENDIAN, 4, "2.36"))
                .contains("64-bit");
        assertThat(SemaphoreFastPath.staticRefusal("Linux", "s390x", ByteOrder.BIG_ENDIAN, 8, "2.36"))
                .contains("64-bit");
        assertThat(SemaphoreFastPath.staticRefusal("Mac OS X", "aarch64", ByteOrder.LITTLE_ENDIAN, 8, null))
                .contains("not Linux");
    }

    @Test
    void foreignFileLayoutsAreRefusedAndRunOnJna() throws Exception {
        // A 32-bit glibc's sem_t is 16 bytes; pre-2.21 glibc and process-private ones have private != 128.
        String small = this.cleanup.posixName("small");
        writeSemaphoreFile(small, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 2));
        PosixSemaphore sixteen = this.cleanup.track(PosixSemaphore.open(small, 0, 0600, CreateMode.OPEN_ONLY, true));
        assertThat(sixteen.implementation()).isEqualTo(JnaSemaphoreCore.IMPLEMENTATION);
        assertThat(sixteen.availablePermits()).isEqualTo(2);
        sixteen.unlink();

        String privateZero = this.cleanup.posixName("private0");
        writeSemaphoreFile(privateZero, ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 3));
        PosixSemaphore foreign = this.cleanup.track(PosixSemaphore.open(privateZero, 0, 0600, CreateMode.OPEN_ONLY,
                true));
        assertThat(foreign.implementation()).isEqualTo(JnaSemaphoreCore.IMPLEMENTATION);
        assertThat(foreign.tryAcquire()).isTrue();
        assertThat(foreign.tryAcquire()).isTrue();
        assertThat(foreign.tryAcquire()).isTrue();
        assertThat(foreign.tryAcquire()).isFalse();
        foreign.release();
        assertThat(SemaphoreFiles.rawData(privateZero)).isEqualTo(1);
        foreign.unlink();
    }

    private static void writeSemaphoreFile(String name, ByteBuffer content) throws Exception {
        Path file = SemaphoreFiles.path(name);
        Files.write(file, content.array());
        assertThat(Files.size(file)).isEqualTo(content.capacity());
    }

    @Test
    void cPostsAreTakenByTheFastPathAndItsReleasesByC() throws Exception {
        Path peer = NativePeers.compileC("sem_peer");
        PosixSemaphore semaphore = openFast("ctokens", 0);
        String name = semaphore.name();
        assertThat(runPeer(peer, "post", name, "1000")).isEqualTo("POSTED 1000");
        for (int i = 0; i < 1000; i++) {
            assertThat(semaphore.tryAcquire()).as("token %d", i).isTrue();
        }
        assertThat(semaphore.tryAcquire()).isFalse();
        assertThat(runPeer(peer, "post", name, "7")).isEqualTo("POSTED 7");
        for (int i = 0; i < 7; i++) {
            semaphore.acquire();
        }
        for (int i = 0; i < 1000; i++) {
            semaphore.release();
        }
        assertThat(runPeer(peer, "value", name)).isEqualTo("VALUE 1000");
        assertThat(runPeer(peer, "trywait", name)).isEqualTo("TOOK 1000");
        for (int i = 0; i < 5; i++) {
            semaphore.release();
        }
        assertThat(runPeer(peer, "timedwait", name, "5", "10")).isEqualTo("TOOK 5");
        assertThat(SemaphoreFiles.rawData(name)).isZero();
        semaphore.unlink();
    }

    @Test
    void aCThreadBlockedInSemWaitIsWokenByAFastRelease() throws Exception {
        Path peer = NativePeers.compileC("sem_peer");
        PosixSemaphore semaphore = openFast("cwait", 0);
        try (PeerProcess wait = PeerProcess.start(peer.toString(), "wait", semaphore.name())) {
            // glibc's sem_wait registered itself in the high half of the word.
            awaitRaw(semaphore.name(), data -> SemaphoreFiles.waiters(data) == 1);
            semaphore.release();
            assertThat(wait.nextLine(PEER_TIMEOUT)).isEqualTo("ACQUIRED");
            wait.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(SemaphoreFiles.rawData(semaphore.name())).isZero();
        semaphore.unlink();
    }

    @Test
    void aFastWaitIsWokenByCSemPost() throws Exception {
        Path peer = NativePeers.compileC("sem_peer");
        PosixSemaphore semaphore = openFast("cpost", 0);
        // One unsliced 20 s wait: only the futex wake of C's sem_post can end it in time.
        AtomicBoolean acquired = new AtomicBoolean();
        BlockedCall slice = BlockedCall.start(
                () -> acquired.set(semaphore.core().awaitSlice(20_000_000_000L, NativeScratch.current())));
        awaitRaw(semaphore.name(), data -> SemaphoreFiles.waiters(data) == 1);
        assertThat(runPeer(peer, "post", semaphore.name(), "1")).isEqualTo("POSTED 1");
        assertThat(slice.outcome(Duration.ofSeconds(5))).isNull();
        assertThat(acquired).isTrue();
        // And through the public, sliced acquire().
        BlockedCall acquire = BlockedCall.start(semaphore::acquire);
        awaitRaw(semaphore.name(), data -> SemaphoreFiles.waiters(data) == 1);
        assertThat(runPeer(peer, "post", semaphore.name(), "1")).isEqualTo("POSTED 1");
        assertThat(acquire.outcome(Duration.ofSeconds(5))).isNull();
        assertThat(SemaphoreFiles.rawData(semaphore.name())).isZero();
        semaphore.unlink();
    }

    @Test
    void aFastWaiterThatTimesOutOrIsInterruptedDeregistersAndStrandsNoToken() throws Exception {
        PosixSemaphore semaphore = openFast("dereg", 0);
        assertThat(semaphore.tryAcquire(Duration.ofMillis(250))).isFalse();
        assertThat(SemaphoreFiles.rawData(semaphore.name())).isZero();
        BlockedCall blocked = BlockedCall.start(semaphore::acquire);
        awaitRaw(semaphore.name(), data -> SemaphoreFiles.waiters(data) == 1);
        blocked.thread().interrupt();
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        assertThat(SemaphoreFiles.rawData(semaphore.name())).isZero();
        semaphore.release();
        assertThat(SemaphoreFiles.rawData(semaphore.name())).isEqualTo(1);
        assertThat(semaphore.tryAcquire(Duration.ofMillis(250))).isTrue();
        semaphore.unlink();
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = { true, false })
    void releaseAtSemValueMaxIsATypedErrorOnBothPathsAsForC(boolean allowFastPath) throws Exception {
        PosixSemaphore semaphore = open(this.cleanup.posixName("max"), Integer.MAX_VALUE, allowFastPath);
        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(semaphore.name()).hasMessageContaining("SEM_VALUE_MAX");
        assertThat(semaphore.availablePermits()).isEqualTo(Integer.MAX_VALUE);
        Path peer = NativePeers.compileC("sem_peer");
        assertThat(runPeer(peer, "post-max", semaphore.name())).isEqualTo("EOVERFLOW");
        assertThat(semaphore.tryAcquire()).isTrue();
        semaphore.release();
        assertThat(semaphore.availablePermits()).isEqualTo(Integer.MAX_VALUE);
        semaphore.unlink();
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = { true, false })
    void releaseTryAcquireAndTimedWaitsAllocateNothingOnceWarm(boolean allowFastPath) throws Exception {
        PosixSemaphore semaphore = open(this.cleanup.posixName("alloc"), 0, allowFastPath);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        Duration shortWait = Duration.ofNanos(1_000);
        int pairs = 2_000;
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < pairs; i++) {
                semaphore.release();
                semaphore.tryAcquire();
                // Nothing to take: one wait slice that times out.
                semaphore.tryAcquire(shortWait);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        // The first round warms up (thread-local scratch, JIT); a later one must allocate nothing.
        assertThat(fewest).as("bytes allocated by %d rounds of release, tryAcquire, timed-out wait", pairs)
                .isLessThan(pairs / 10);
        semaphore.unlink();
    }

    @Test
    void aChildJvmWithTheFastPathTurnedOffByItsPropertyInteroperatesWithIt() throws Exception {
        PosixSemaphore semaphore = openFast("prop", 0);
        try (PeerProcess child = ChildJvm.start(SemaphorePeer.class, "fallback-release", semaphore.name(), "3")) {
            assertThat(child.nextLine(PEER_TIMEOUT)).isEqualTo("PATH " + JnaSemaphoreCore.IMPLEMENTATION);
            assertThat(child.nextLine(PEER_TIMEOUT)).isEqualTo("RELEASED");
            child.awaitSuccess(PEER_TIMEOUT);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(semaphore.tryAcquire(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(semaphore.tryAcquire()).isFalse();
        semaphore.unlink();
    }

    private static String runPeer(Path peer, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = peer.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try (PeerProcess process = PeerProcess.start(command)) {
            String line = process.nextLine(PEER_TIMEOUT);
            process.awaitSuccess(PEER_TIMEOUT);
            return line;
        }
    }

    private static void awaitRaw(String name, LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + PEER_TIMEOUT.toNanos();
        long data = SemaphoreFiles.rawData(name);
        while (!condition.test(data)) {
            assertThat(System.nanoTime() - deadline).as("raw data word %x", data).isNegative();
            Thread.sleep(5);
            data = SemaphoreFiles.rawData(name);
        }
    }
}
