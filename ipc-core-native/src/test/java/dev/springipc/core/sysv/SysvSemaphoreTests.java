package dev.springipc.core.sysv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.SysvKey;
import dev.springipc.core.sys.LibSysv;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.BlockedCall;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SysvSemaphoreTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcSemaphore open(IpcSemaphore.SysvBuilder builder) {
        return this.cleanup.track(builder.open());
    }



    @Test
    void nameIsTheKeyAndModeAndOwnerComeFromTheKernel() throws Exception {
        int key = this.cleanup.sysvKey("mode");
        IpcSemaphore semaphore = open(IpcSemaphore.sysv(key).mode(0660));
        assertThat(semaphore.name()).isEqualTo("key " + SysvKey.format(key));
        assertThat(semaphore.toString()).contains("System V semaphore key " + SysvKey.format(key));
        assertThat(semaphore.isOwned()).isTrue();
        assertThat(semaphore.permissions().mode()).isEqualTo(0660);
        assertThat(semaphore.permissions().uid()).isEqualTo(Sys.effectiveUid());
        assertThat(semaphore.permissions().gid()).isEqualTo(Sys.effectiveGid());
        try (PeerProcess ipcs = PeerProcess.start("ipcs", "-s")) {
            ipcs.awaitSuccess(PEER_TIMEOUT);
            List<String> lines = drain(ipcs);
            assertThat(lines).anySatisfy((line) -> assertThat(line.split("\\s+"))
                    .startsWith(SysvKey.format(key)).contains("660"));
        }
        semaphore.unlink();
    }

    @Test
    void createModesFollowBoostVocabulary() throws Exception {
        int key = this.cleanup.sysvKey("modes");
        assertThatThrownBy(() -> IpcSemaphore.sysv(key).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcNotFoundException.class)
                .hasMessageContaining("System V semaphore key " + SysvKey.format(key))
                .hasMessageContaining("semget").hasMessageContaining("ENOENT").hasMessageContaining("open-only");
        IpcSemaphore creator = open(IpcSemaphore.sysv(key).permits(2).create(CreateMode.CREATE_ONLY));
        assertThat(creator.isOwned()).isTrue();
        assertThatThrownBy(() -> IpcSemaphore.sysv(key).create(CreateMode.CREATE_ONLY).open())
                .isInstanceOf(IpcAlreadyExistsException.class).hasMessageContaining("EEXIST")
                .hasMessageContaining("create-only");
        IpcSemaphore opener = open(IpcSemaphore.sysv(key).permits(9));
        assertThat(opener.isOwned()).isFalse();
        assertThat(opener.availablePermits()).isEqualTo(2);
        IpcSemaphore recreated = open(IpcSemaphore.sysv(key).permits(5).create(CreateMode.RECREATE));
        assertThat(recreated.isOwned()).isTrue();
        assertThat(recreated.availablePermits()).isEqualTo(5);
        // The old handle's object is gone: using it names the removal.
        assertThatThrownBy(creator::availablePermits).isInstanceOf(IpcException.class)
                .hasMessageContaining("semctl(GETVAL)").hasMessageContaining("removed");
        recreated.unlink();
    }

    @Test
    void badArgumentsAreRefusedBeforeAnySystemCall() {
        assertThatThrownBy(() -> IpcSemaphore.sysv(0).open()).isInstanceOf(IpcInvalidNameException.class)
                .hasMessageContaining("IPC_PRIVATE");
        assertThatThrownBy(() -> IpcSemaphore.sysv(1).permits(32768)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEMVMX");
        assertThatThrownBy(() -> IpcSemaphore.sysv(1).mode(01660)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..0777");
    }

    @Test
    void concurrentOpenersNeverSeeAnUninitialisedSemaphore() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 15; round++) {
                int key = this.cleanup.sysvKey("race");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> acquired = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    acquired.add(pool.submit(() -> {
                        start.await();
                        try (IpcSemaphore semaphore = IpcSemaphore.sysv(key).permits(4).undo(false).open()) {
                            return semaphore.tryAcquire();
                        }
                    }));
                }
                start.countDown();
                int taken = 0;
                for (Future<Boolean> outcome : acquired) {
                    taken += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(taken).as("round %d", round).isEqualTo(4);
                try (IpcSemaphore semaphore = IpcSemaphore.sysv(key).create(CreateMode.OPEN_ONLY).open()) {
                    semaphore.unlink();
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void openerRefusesASemaphoreWhoseCreatorNeverInitialisedIt() {
        int key = this.cleanup.sysvKey("uninit");
        // A creator that died between semget and semctl(SETVAL) leaves exactly this behind.
        assertThat(LibSysv.semget(key, 1, LibSysv.IPC_CREAT | LibSysv.IPC_EXCL | 0600)).isNotNegative();
        long start = System.nanoTime();
        assertThatThrownBy(() -> IpcSemaphore.sysv(key).open()).isInstanceOf(IpcException.class)
                .hasMessageContaining("not initialised").hasMessageContaining("sem_otime")
                .hasMessageContaining("ipcrm -S " + SysvKey.format(key)).hasMessageContaining("recreate");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        IpcSemaphore recreated = open(IpcSemaphore.sysv(key).permits(1).create(CreateMode.RECREATE));
        assertThat(recreated.availablePermits()).isEqualTo(1);
        recreated.unlink();
    }

    @Test
    void removalWakesABlockedAcquireWithAnErrorNamingItAndCloseEndsTheHandle() throws Exception {
        IpcSemaphore semaphore = open(IpcSemaphore.sysv(this.cleanup.sysvKey("close")).permits(0));
        BlockedCall blocked = BlockedCall.start(() -> semaphore.acquire());
        Thread.sleep(200);
        semaphore.unlink();
        // Removal wakes the waiter with EIDRM, named in the error.
        assertThat(blocked.outcome(Duration.ofSeconds(5))).isInstanceOf(IpcException.class)
                .hasMessageContaining("EIDRM").hasMessageContaining("removed");
        semaphore.close();
        assertThatThrownBy(semaphore::release).isInstanceOf(IpcClosedException.class);
    }

    @Test
    void threeProcessesCountExactlyUnderTheSemaphoreAsLock() throws Exception {
        int key = this.cleanup.sysvKey("lock");
        String segmentName = this.cleanup.posixName("counter");
        IpcSemaphore lock = open(IpcSemaphore.sysv(key).permits(1));
        IpcSharedSegment counter = this.cleanup.track(IpcSharedSegment.builder(segmentName).size(4096).open());
        int perProcess = 2000;
        try (PeerProcess first = ChildJvm.start(JavaPeer.class, "sysv-sem-count", Integer.toString(key), segmentName,
                Integer.toString(perProcess));
                PeerProcess second = ChildJvm.start(JavaPeer.class, "sysv-sem-count", Integer.toString(key),
                        segmentName, Integer.toString(perProcess))) {
            first.awaitLine("READY", PEER_TIMEOUT);
            second.awaitLine("READY", PEER_TIMEOUT);
            for (int i = 0; i < perProcess; i++) {
                lock.acquire();
                try {
                    counter.putLong(0, counter.getLong(0) + 1);
                }
                finally {
                    lock.release();
                }
            }
            first.awaitLine("DONE", PEER_TIMEOUT);
            second.awaitLine("DONE", PEER_TIMEOUT);
            first.awaitSuccess(PEER_TIMEOUT);
            second.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(counter.getLong(0)).isEqualTo(3L * perProcess);
        assertThat(lock.availablePermits()).isEqualTo(1);
        lock.unlink();
        counter.unlink();
    }

    @Test
    void permitHeldByAProcessKilledWithSigkillReturnsThroughSemUndo() throws Exception {
        int key = this.cleanup.sysvKey("crash");
        IpcSemaphore semaphore = open(IpcSemaphore.sysv(key).permits(1));
        try (PeerProcess holder = ChildJvm.start(JavaPeer.class, "sysv-sem-hold", Integer.toString(key))) {
            assertThat(holder.nextLine(PEER_TIMEOUT)).isEqualTo("HELD");
            assertThat(semaphore.tryAcquire(Duration.ofMillis(200))).as("the holder has the only permit").isFalse();
            long killedAt = System.nanoTime();
            holder.kill();
            assertThat(semaphore.tryAcquire(Duration.ofSeconds(2))).isTrue();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.println("SURVIVOR-WAIT sysv-semaphore " + waitedMillis + " ms");
        }
        assertThat(semaphore.availablePermits()).isZero();
        semaphore.release();
        semaphore.unlink();
    }

    @Test
    void pythonSysvIpcSharesTheSemaphoreWithJava() throws Exception {
        NativePeers.require(NativePeers.pythonHas("sysv_ipc"),
                "python3-sysv-ipc is not installed (apt-get install python3-sysv-ipc)");
        int key = this.cleanup.sysvKey("py");
        IpcSemaphore semaphore = open(IpcSemaphore.sysv(key).permits(1));
        String script = """
                import sys, sysv_ipc
                s = sysv_ipc.Semaphore(int(sys.argv[1]))
                s.acquire(timeout=10)
                print("ACQUIRED", s.value, flush=True)
                sys.stdin.readline()
                s.release()
                print("RELEASED", flush=True)
                sys.stdin.readline()
                try:
                    s.acquire(timeout=0)
                    print("GOT-IT", flush=True)
                except sysv_ipc.BusyError:
                    print("BUSY", s.value, flush=True)
                """;
        try (PeerProcess python = PeerProcess.start(NativePeers.python(), "-c", script, Integer.toString(key))) {
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("ACQUIRED 0");
            assertThat(semaphore.availablePermits()).isZero();
            assertThat(semaphore.tryAcquire()).isFalse();
            python.send("release");
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("RELEASED");
            assertThat(semaphore.tryAcquire(Duration.ofSeconds(5))).isTrue();
            python.send("try");
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("BUSY 0");
            python.awaitSuccess(PEER_TIMEOUT);
        }
        semaphore.release();
        assertThat(semaphore.availablePermits()).isEqualTo(1);
        semaphore.unlink();
    }

    static List<String> drain(PeerProcess process) {
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                lines.add(process.nextLine(Duration.ofSeconds(5)));
            }
        }
        catch (AssertionError endOfOutput) {
            return lines;
        }
    }
}
