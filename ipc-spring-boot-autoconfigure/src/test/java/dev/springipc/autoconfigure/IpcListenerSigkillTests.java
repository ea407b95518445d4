package dev.springipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.listener.killapp.IpcLedgerListenerApplication;
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
 * Two Spring Boot applications with an {@code @IpcListener} on one POSIX queue, fed without
 * pause by this process; one of them is killed with SIGKILL at a random moment, mid-flow, and
 * started again, {@code -Dipc.kill.rounds.spring} times (3 by default). The survivor keeps the
 * queue (it is in use, so the restart opens it as it is), every message is handled once except
 * the one a dead handler had taken (a listener receives: at most once), and after the final
 * SIGTERM of both nothing is left, owner records included.
 */
class IpcListenerSigkillTests {

    private static final int ROUNDS = Integer.getInteger("ipc.kill.rounds.spring", 3);

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final int LEDGER_SIZE = 2 * IpcLedgerListenerApplication.DELIVERIES;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("kill");

    private final List<PeerProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcessesAndForgetRecords() throws Exception {
        this.processes.forEach(PeerProcess::close);
        TestOwnerRecords.forget(this.namespace);
    }

    @Test
    void aListenerApplicationKilledMidFlowLosesAtMostTheMessageItsHandlerHadAndLeavesNothingAfterTheFinalStop()
            throws Exception {
        long seed = Long.getLong("ipc.test.seed", System.nanoTime());
        System.out.println("KILL-SEED " + seed);
        Random random = new Random(seed);
        PeerProcess survivor = start();
        survivor.awaitLine("ready", STARTUP);
        PeerProcess victim = start();
        victim.awaitLine("ready", STARTUP);
        int sent = 0;
        long recoverMaxNanos = 0;
        int taken = 0;
        // The ledger is declared by the applications: 32 KiB of marks, then 32 KiB of counts.
        try (IpcMessageQueue orders = IpcMessageQueue.posix("/" + this.namespace + ".orders")
            .create(CreateMode.OPEN_ONLY)
            .open();
                IpcSharedSegment ledger = IpcSharedSegment.builder("/" + this.namespace + ".ledger")
                    .create(CreateMode.OPEN_ONLY)
                    .open()) {
            for (int round = 0; round < ROUNDS; round++) {
                long killAt = System.nanoTime() + (50 + random.nextInt(500)) * 1_000_000L;
                while (System.nanoTime() < killAt) {
                    if (orders.trySend(String.valueOf(sent).getBytes(StandardCharsets.US_ASCII), 0,
                            Duration.ofMillis(20))) {
                        sent++;
                    }
                }
                victim.kill();
                long killedAt = System.nanoTime();
                // The survivor goes on alone: the next message sent is handled within the bound.
                int probe = sent;
                assertThat(orders.trySend(String.valueOf(probe).getBytes(StandardCharsets.US_ASCII), 0,
                        Duration.ofSeconds(10))).isTrue();
                sent++;
                awaitMarked(ledger, probe, Duration.ofSeconds(10));
                recoverMaxNanos = Math.max(recoverMaxNanos, System.nanoTime() - killedAt);
                victim = start();
                victim.awaitLine("ready", STARTUP);
            }
            awaitDrained(orders);
            assertThat(sent).as("messages the ledger holds").isLessThan(IpcLedgerListenerApplication.DELIVERIES);
            // The last message taken may still be in its 2 ms handler.
            Thread.sleep(100);
            byte[] marks = new byte[sent];
            ledger.read(0, marks);
            byte[] deliveries = new byte[sent];
            ledger.read(IpcLedgerListenerApplication.DELIVERIES, deliveries);
            int lost = 0;
            int duplicated = 0;
            for (int seq = 0; seq < sent; seq++) {
                duplicated += Math.max(0, deliveries[seq] - 1);
                if (marks[seq] == 0) {
                    lost++;
                }
                else if (marks[seq] == IpcLedgerListenerApplication.TAKEN) {
                    taken++;
                }
            }
            // At most once: a message the dead handler had taken is not delivered again (its
            // mark stays TAKEN), one received but not yet marked is gone (no mark); one per kill.
            assertThat(duplicated).as("messages handled twice").isZero();
            assertThat(lost + taken).as("messages taken or lost by %d kills of %d sent", ROUNDS, sent)
                .isLessThanOrEqualTo(ROUNDS);
            System.out.printf("KILL-LOOP spring-listener rounds=%d kills=%d messages=%d lost=%d duplicated=%d"
                    + " handling-cut-short=%d recover-max=%dms%n", ROUNDS, ROUNDS, sent, lost, duplicated, taken,
                    recoverMaxNanos / 1_000_000);
        }
        survivor.terminateAndAwait(Duration.ofSeconds(60));
        victim.terminateAndAwait(Duration.ofSeconds(60));
        assertNothingLeft();
    }

    private PeerProcess start() {
        PeerProcess process = ChildJvm.start(IpcLedgerListenerApplication.class, "--ipc.namespace=" + this.namespace,
                "--ipc.queues.orders.max-messages=10", "--ipc.queues.orders.max-message-size=64",
                "--ipc.segments.ledger.size=" + LEDGER_SIZE, "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--spring.main.web-application-type=none");
        this.processes.add(process);
        return process;
    }

    private static void awaitMarked(IpcSharedSegment ledger, int seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] mark = new byte[1];
        while (true) {
            ledger.read(seq, mark);
            if (mark[0] == IpcLedgerListenerApplication.HANDLED) {
                return;
            }
            assertThat(System.nanoTime()).as("message %d handled by the survivor within %s", seq, timeout)
                .isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void awaitDrained(IpcMessageQueue orders) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (orders.depth() > 0) {
            assertThat(System.nanoTime()).as("queue drained").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void assertNothingLeft() {
        assertThat(Path.of("/dev/shm", this.namespace + ".ledger")).doesNotExist();
        assertThatExceptionOfType(IpcNotFoundException.class).isThrownBy(
                () -> IpcMessageQueue.posix("/" + this.namespace + ".orders").create(CreateMode.OPEN_ONLY).open());
        Path records = OwnerRecords.forCurrentUser().root();
        if (Files.isDirectory(records)) {
            assertThat(records.toFile().list()).noneMatch((entry) -> OwnerRecords.objectIdOf(Path.of(entry))
                .contains(this.namespace));
        }
    }
}
