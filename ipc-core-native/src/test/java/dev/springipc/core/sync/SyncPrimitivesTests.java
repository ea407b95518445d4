package dev.springipc.core.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcBarrierBrokenException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.IpcWaitStatistics;
import dev.springipc.core.IpcWaitable;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutex, spin lock and barrier across real processes, including processes killed with SIGKILL
 * while holding or waiting. Crash tests print how long the survivors waited
 * ({@code SURVIVOR-WAIT ...}).
 */
class SyncPrimitivesTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private <T extends AutoCloseable> T track(T resource) {
        return this.cleanup.track(resource);
    }

    @Test
    void threeProcessesCountExactlyUnderTheMutex() throws Exception {
        String lock = this.cleanup.posixName("mutex");
        IpcMutex mutex = track(IpcMutex.builder(lock).mode(0660).open());
        assertThat(mutex.permissions().mode()).isEqualTo(0660);
        assertThat(countInThreeProcesses(mutex, "mutex-count", lock, 20_000)).isEqualTo(60_000);
        mutex.unlink();
    }

    @Test
    void threeProcessesCountExactlyUnderTheSpinLock() throws Exception {
        String lock = this.cleanup.posixName("spin");
        IpcSpinLock spinLock = track(IpcSpinLock.builder(lock).open());
        assertThat(countInThreeProcesses(spinLock, "spin-count", lock, 100_000)).isEqualTo(300_000);
        assertThat(spinLock.holderPid()).isZero();
        spinLock.unlink();
    }

    private long countInThreeProcesses(Lock lock, String command, String lockName, int perProcess) throws Exception {
        String counterName = this.cleanup.posixName("counter");
        IpcSharedSegment counter = track(IpcSharedSegment.builder(counterName).size(64).open());
        List<PeerProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.start(JavaPeer.class, command, lockName, counterName, Integer.toString(perProcess)));
            }
            for (PeerProcess child : children) {
                child.awaitLine("READY", PEER_TIMEOUT);
            }
            for (int i = 0; i < perProcess; i++) {
                lock.lock();
                try {
                    counter.putLong(0, counter.getLong(0) + 1);
                }
                finally {
                    lock.unlock();
                }
            }
            for (PeerProcess child : children) {
                child.awaitLine("DONE", PEER_TIMEOUT);
                child.awaitSuccess(PEER_TIMEOUT);
            }
        }
        finally {
            children.forEach(PeerProcess::close);
        }
        long total = counter.getLong(0);
        counter.unlink();
        return total;
    }

    @Test
    void holderKilledWithSigkillReleasesTheMutexAndTheNewHolderIsTold() throws Exception {
        String name = this.cleanup.posixName("crashmutex");
        IpcMutex mutex = track(IpcMutex.builder(name).open());
        try (PeerProcess holder = ChildJvm.start(JavaPeer.class, "mutex-hold", name)) {
            holder.awaitLine("HOLDING", PEER_TIMEOUT);
            assertThat(mutex.tryLock()).isFalse();
            holder.kill();
        }
        long start = System.nanoTime();
        assertThat(mutex.tryLock(10, TimeUnit.SECONDS)).isTrue();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SURVIVOR-WAIT mutex " + waitedMillis + " ms");
        assertThat(waitedMillis).isLessThan(1_000);
        assertThat(mutex.previousOwnerDied()).isTrue();
        assertThat(mutex.ownerDeaths()).isEqualTo(1);
        assertThat(mutex.lastOwnerDeath()).isPresent();
        mutex.unlock();
        // The next hold is an ordinary one.
        mutex.lock();
        assertThat(mutex.previousOwnerDied()).isFalse();
        mutex.unlock();
        mutex.unlink();
    }

    @Test
    void holderKilledWithSigkillLetsAWaiterTakeTheSpinLockOver() throws Exception {
        String name = this.cleanup.posixName("crashspin");
        IpcSpinLock lock = track(IpcSpinLock.builder(name).takeoverAfter(Duration.ofMillis(200)).open());
        int holderPid;
        try (PeerProcess holder = ChildJvm.start(JavaPeer.class, "spin-hold", name)) {
            holder.awaitLine("HOLDING", PEER_TIMEOUT);
            holderPid = (int) holder.pid();
            assertThat(lock.holderPid()).isEqualTo(holderPid);
            assertThat(lock.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
            holder.kill();
        }
        long start = System.nanoTime();
        assertThat(lock.tryLock(10, TimeUnit.SECONDS)).isTrue();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SURVIVOR-WAIT spin-lock " + waitedMillis + " ms (takeover-after 200 ms)");
        assertThat(waitedMillis).isBetween(150L, 2_000L);
        assertThat(lock.previousHolderDied()).isTrue();
        assertThat(lock.takeovers()).isEqualTo(1);
        assertThat(lock.holderPid()).isEqualTo(Sys.pid());
        lock.unlock();
        lock.unlink();
    }

    @Test
    void threeProcessesCrossTheBarrierInLockStep() throws Exception {
        String name = this.cleanup.posixName("barrier");
        String counterName = this.cleanup.posixName("rounds");
        IpcBarrier barrier = track(IpcBarrier.builder(name).parties(3).open());
        IpcSharedSegment counter = track(IpcSharedSegment.builder(counterName).size(64).open());
        int rounds = 25;
        List<PeerProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.start(JavaPeer.class, "barrier-rounds", name, "3", Integer.toString(rounds),
                        counterName));
            }
            for (int round = 0; round < rounds; round++) {
                counter.getAndAddLong(0, 1);
                barrier.await(PEER_TIMEOUT);
                assertThat(counter.getLong(0)).as("round %d", round).isGreaterThanOrEqualTo(3L * (round + 1));
                barrier.await(PEER_TIMEOUT);
            }
            for (PeerProcess child : children) {
                child.awaitLine("DONE", PEER_TIMEOUT);
                child.awaitSuccess(PEER_TIMEOUT);
            }
        }
        finally {
            children.forEach(PeerProcess::close);
        }
        assertThat(counter.getLong(0)).isEqualTo(3L * rounds);
        assertThat(barrier.isBroken()).isFalse();
        barrier.unlink();
        counter.unlink();
    }

    @Test
    void aPartyKilledWhileWaitingBreaksTheBarrierForTheOthers() throws Exception {
        String name = this.cleanup.posixName("crashbarrier");
        IpcBarrier barrier = track(IpcBarrier.builder(name).parties(3).open());
        try (PeerProcess victim = ChildJvm.start(JavaPeer.class, "barrier-wait", name, "3");
                PeerProcess survivor = ChildJvm.start(JavaPeer.class, "barrier-wait", name, "3")) {
            victim.awaitLine("WAITING", PEER_TIMEOUT);
            survivor.awaitLine("WAITING", PEER_TIMEOUT);
            while (barrier.numberWaiting() < 2) {
                Thread.sleep(10);
            }
            victim.kill();
            long start = System.nanoTime();
            String line = survivor.nextLine(PEER_TIMEOUT);
            long survivorMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(line).startsWith("BROKEN").contains("party process " + victim.pid() + " died while waiting");
            System.out.println("SURVIVOR-WAIT barrier " + survivorMillis + " ms");
            assertThat(survivorMillis).isLessThan(2_000);
            survivor.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(1))).isInstanceOf(IpcBarrierBrokenException.class)
                .hasMessageContaining("reset()");
        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.numberWaiting()).isZero();
        barrier.unlink();
    }

    @Test
    void aTimedOutWaiterBreaksTheRoundAndResetRepairsIt() throws Exception {
        IpcBarrier barrier = track(IpcBarrier.builder(this.cleanup.posixName("timeout")).parties(2).open());
        assertThatThrownBy(() -> barrier.await(Duration.ofMillis(200))).isInstanceOf(IpcTimeoutException.class)
                .hasMessageContaining("not all 2 parties arrived");
        assertThat(barrier.isBroken()).isTrue();
        barrier.reset();
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> {
            try {
                return barrier.await(Duration.ofSeconds(10));
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        int mine = barrier.await(Duration.ofSeconds(10));
        assertThat(List.of(mine, other.get(10, TimeUnit.SECONDS))).containsExactlyInAnyOrder(0, 1);
        barrier.unlink();
    }

    @Test
    void theMutexIsReentrantAndOnlyItsHolderMayUnlockIt() throws Exception {
        IpcMutex mutex = track(IpcMutex.builder(this.cleanup.posixName("reentrant")).open());
        mutex.lock();
        mutex.lock();
        assertThat(mutex.isHeldByCurrentThread()).isTrue();
        CompletableFuture<Boolean> otherThread = CompletableFuture.supplyAsync(() -> {
            assertThatThrownBy(mutex::unlock).isInstanceOf(IllegalMonitorStateException.class);
            return mutex.tryLock();
        });
        assertThat(otherThread.get(5, TimeUnit.SECONDS)).isFalse();
        mutex.unlock();
        assertThat(mutex.isHeldByCurrentThread()).isTrue();
        mutex.unlock();
        assertThat(mutex.isHeldByCurrentThread()).isFalse();
        assertThatThrownBy(mutex::newCondition).isInstanceOf(UnsupportedOperationException.class);
        mutex.unlink();
    }

    @Test
    void aWaitForTheMutexCanBeInterrupted() throws Exception {
        IpcMutex mutex = track(IpcMutex.builder(this.cleanup.posixName("interrupt")).open());
        mutex.lock();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        waiter[0] = new Thread(() -> {
            try {
                mutex.lockInterruptibly();
                outcome.complete(null);
            }
            catch (Throwable ex) {
                outcome.complete(ex);
            }
        });
        waiter[0].start();
        Thread.sleep(200);
        waiter[0].interrupt();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        mutex.unlock();
        mutex.unlink();
    }

    @Test
    void theSpinLockIsNotReentrantAndRejectsForeignUnlock() throws Exception {
        IpcSpinLock lock = track(IpcSpinLock.builder(this.cleanup.posixName("notreentrant")).open());
        lock.lock();
        assertThatThrownBy(lock::lock).isInstanceOf(IllegalStateException.class).hasMessageContaining("not reentrant");
        CompletableFuture<Boolean> otherThread = CompletableFuture.supplyAsync(() -> {
            assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
            return lock.tryLock();
        });
        assertThat(otherThread.get(5, TimeUnit.SECONDS)).isFalse();
        lock.unlock();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.previousHolderDied()).isFalse();
        lock.unlock();
        lock.unlink();
    }

    @Test
    void mutexAndSpinLockCountOnlyTheAcquisitionsThatHadToWait() throws Exception {
        List<Lock> locks = List.of(track(IpcMutex.builder(this.cleanup.posixName("wmutex")).open()),
                track(IpcSpinLock.builder(this.cleanup.posixName("wspin")).open()));
        for (Lock lock : locks) {
            IpcWaitStatistics waits = ((IpcWaitable) lock).waitStatistics();
            lock.lock();
            lock.unlock();
            assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
            lock.unlock();
            assertThat(waits.waits()).as("%s: uncontended acquisitions are no waits", lock).isZero();
            CompletableFuture<Void> holding = new CompletableFuture<>();
            CompletableFuture<Void> release = new CompletableFuture<>();
            Thread holder = new Thread(() -> {
                lock.lock();
                holding.complete(null);
                release.join();
                lock.unlock();
            });
            holder.start();
            holding.get(5, TimeUnit.SECONDS);
            assertThat(lock.tryLock(150, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(waits.waits()).isEqualTo(1);
            assertThat(waits.waitedNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> release.complete(null));
            lock.lock();
            lock.unlock();
            holder.join(5000);
            assertThat(waits.waits()).as("%s: a wait that ends with the lock counts too", lock).isEqualTo(2);
            ((IpcResource) lock).unlink();
        }
    }

    @Test
    void anObjectOfAnotherKindUnderTheNameIsRefusedClearly() {
        String name = this.cleanup.posixName("wrongkind");
        IpcSharedSegment segment = track(IpcSharedSegment.builder(name).size(4096).open());
        segment.putLong(0, 0x1234);
        assertThatThrownBy(() -> IpcMutex.builder(name).open()).isInstanceOf(IpcException.class)
                .hasMessageContaining("something other than an IPC mutex");
        IpcBarrier barrier = track(IpcBarrier.builder(this.cleanup.posixName("parties")).parties(3).open());
        assertThatThrownBy(() -> IpcBarrier.builder(barrier.name()).parties(2).open()).isInstanceOf(IpcException.class)
                .hasMessageContaining("exists with 3 parties, not the 2 requested");
        segment.unlink();
        barrier.unlink();
    }
}
