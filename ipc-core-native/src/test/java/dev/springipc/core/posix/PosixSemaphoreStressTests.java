package dev.springipc.core.posix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * C processes and child JVMs on the fast path post and take permits of one semaphore at once, in
 * bursts, with every kind of wait: trywait, timed waits, C's plain {@code sem_wait} and unsliced
 * Java futex waits. Each process posts as many as it takes, so every permit must be taken exactly
 * once: a lost wake-up shows as a 15 s timeout ({@code LOST}) or a hang, a duplicated or lost
 * token as a final value other than 0.
 */
class PosixSemaphoreStressTests {

    /** Permits each process posts, and takes. */
    private static final long PER_PROCESS = 120_000;

    private static final Duration BOUND = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void cAndJavaPostersAndWaitersInFourProcessesTakeEveryPermitExactlyOnce() throws Exception {
        Path peer = NativePeers.compileC("sem_peer");
        String name = this.cleanup.posixName("stress");
        PosixSemaphore semaphore = this.cleanup.track(PosixSemaphore.open(name, 0, 0600, CreateMode.CREATE_ONLY, true));
        String count = Long.toString(PER_PROCESS);
        List<PeerProcess> peers = new ArrayList<>();
        try {
            long start = System.nanoTime();
            peers.add(ChildJvm.start(SemaphorePeer.class, "stress", name, count, count, "11"));
            peers.add(ChildJvm.start(SemaphorePeer.class, "stress", name, count, count, "12"));
            peers.add(PeerProcess.start(peer.toString(), "stress", name, count, count, "13"));
            peers.add(PeerProcess.start(peer.toString(), "stress", name, count, count, "14"));
            for (PeerProcess jvm : peers.subList(0, 2)) {
                assertThat(jvm.nextLine(BOUND)).isEqualTo("PATH " + GlibcSemaphoreCore.IMPLEMENTATION);
            }
            for (PeerProcess process : peers) {
                assertThat(process.nextLine(BOUND)).as("%s", process).isEqualTo("DONE " + count + " " + count);
            }
            for (PeerProcess jvm : peers.subList(0, 2)) {
                // The sleeping path was exercised, not only trywait.
                assertThat(jvm.nextLine(BOUND)).startsWith("WAITED ").isNotEqualTo("WAITED 0");
            }
            for (PeerProcess process : peers) {
                process.awaitSuccess(BOUND);
            }
            System.out.printf("semaphore stress: %d permits through 4 processes in %d ms%n", 4 * PER_PROCESS,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        finally {
            peers.forEach(PeerProcess::close);
        }
        long data = SemaphoreFiles.rawData(name);
        assertThat(SemaphoreFiles.value(data)).as("permits left").isZero();
        assertThat(SemaphoreFiles.waiters(data)).as("waiters left registered").isZero();
        assertThat(semaphore.availablePermits()).isZero();
        semaphore.unlink();
    }
}
