package dev.springipc.core;

import java.time.Duration;

import dev.springipc.core.posix.PosixSemaphoreFallback;
import dev.springipc.testsupport.BlockedCall;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link IpcSemaphore} does, whatever the kernel object behind it: the same tests for
 * POSIX ({@code sem_open}) on its Java fast path and on the JNA {@code sem_*} fallback, and System V
 * ({@code semget}). What only one kind does is tested in
 * {@code PosixSemaphoreTests} and {@code SysvSemaphoreTests}.
 */
class SemaphoreKindsTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    enum Kind {

        POSIX {
            @Override
            IpcSemaphore open(IpcCleanup cleanup, String tag, int permits) {
                IpcSemaphore semaphore = cleanup.track(IpcSemaphore.builder(cleanup.posixName(tag)).permits(permits)
                        .open());
                // glibc 2.36 on x86-64 here and in CI: the default must be the fast path.
                assertThat(PosixSemaphoreFallback.implementation(semaphore)).isEqualTo("glibc sem_t fast path");
                return semaphore;
            }
        },

        POSIX_JNA_FALLBACK {
            @Override
            IpcSemaphore open(IpcCleanup cleanup, String tag, int permits) {
                return cleanup.track(PosixSemaphoreFallback.open(cleanup.posixName(tag), permits));
            }
        },

        SYSV {
            @Override
            IpcSemaphore open(IpcCleanup cleanup, String tag, int permits) {
                return cleanup.track(IpcSemaphore.sysv(cleanup.sysvKey(tag)).permits(permits).open());
            }
        };

        abstract IpcSemaphore open(IpcCleanup cleanup, String tag, int permits);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void countingSemaphoreHandsOutExactlyItsPermits(Kind kind) {
        IpcSemaphore semaphore = kind.open(this.cleanup, "count", 3);
        assertThat(semaphore.availablePermits()).isEqualTo(3);
        assertThat(semaphore.tryAcquire()).isTrue();
        assertThat(semaphore.tryAcquire()).isTrue();
        assertThat(semaphore.tryAcquire()).isTrue();
        assertThat(semaphore.tryAcquire()).isFalse();
        semaphore.release();
        assertThat(semaphore.availablePermits()).isEqualTo(1);
        semaphore.unlink();
        // Removing what is already gone is not an error.
        semaphore.unlink();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyAcquisitionsThatHadToWaitAreCountedAsWaits(Kind kind) throws Exception {
        IpcSemaphore semaphore = kind.open(this.cleanup, "waits", 1);
        IpcWaitStatistics waits = semaphore.waitStatistics();
        assertThat(semaphore.tryAcquire(Duration.ofSeconds(1))).isTrue();
        assertThat(semaphore.tryAcquire(Duration.ZERO)).as("a zero timeout does not wait").isFalse();
        assertThat(waits.waits()).as("an acquisition that succeeds at once is no wait").isZero();
        assertThat(semaphore.tryAcquire(Duration.ofMillis(200))).isFalse();
        assertThat(waits.waits()).isEqualTo(1);
        assertThat(waits.waitedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
        BlockedCall blocked = BlockedCall.start(semaphore::acquire);
        Thread.sleep(100);
        semaphore.release();
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isNull();
        assertThat(waits.waits()).as("a wait that ends with the permit counts too").isEqualTo(2);
        assertThat(semaphore.waitStatistics()).isSameAs(waits);
        semaphore.unlink();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void timedAcquireWaitsItsTimeoutWhileHeldAndZeroTimeoutDoesNotWait(Kind kind) throws Exception {
        IpcSemaphore semaphore = kind.open(this.cleanup, "timed", 1);
        assertThat(semaphore.tryAcquire(Duration.ZERO)).isTrue();
        long start = System.nanoTime();
        assertThat(semaphore.tryAcquire(Duration.ofMillis(300))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(semaphore.tryAcquire(Duration.ZERO)).isFalse();
        semaphore.release();
        assertThat(semaphore.tryAcquire(Duration.ofMillis(300))).isTrue();
        semaphore.unlink();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void blockedAcquireEndsWhenTheThreadIsInterrupted(Kind kind) throws Exception {
        IpcSemaphore semaphore = kind.open(this.cleanup, "interrupt", 0);
        BlockedCall blocked = BlockedCall.start(() -> semaphore.acquire());
        Thread.sleep(200);
        blocked.thread().interrupt();
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        semaphore.unlink();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeReleasesAThreadBlockedInAcquire(Kind kind) throws Exception {
        IpcSemaphore semaphore = kind.open(this.cleanup, "close", 0);
        BlockedCall blocked = BlockedCall.start(() -> semaphore.acquire());
        Thread.sleep(200);
        semaphore.close();
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isInstanceOf(IpcClosedException.class);
        assertThatThrownBy(semaphore::release).isInstanceOf(IpcClosedException.class);
        semaphore.unlink();
    }
}
