package dev.springipc.core.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcResourceStatus.State;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shared object truncated or overwritten with garbage by another process ({@code truncate},
 * {@code dd}): every read and write ends in an {@link IpcException} naming the object, never an
 * {@link InternalError}; an operation that would compare-and-set on the gone memory (and so kill
 * the JVM) is refused first; {@link IpcResource#check()} says {@code TRUNCATED} or {@code CORRUPT}.
 * Each prints {@code FAULT-TRANSLATED}.
 */
class TruncationTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @ParameterizedTest
    @ValueSource(strings = { "-Xint", "-XX:TieredStopAtLevel=1", "-XX:-TieredCompilation" })
    void everyPlainAccessToATruncatedObjectIsAnIpcExceptionNamingIt(String execution) {
        // Interpreted, C1 and C2 code: HotSpot raises the InternalError of a faulting access
        // asynchronously, so only a size check refuses deterministically.
        String prefix = this.cleanup.posixName("trunc");
        try (PeerProcess peer = ChildJvm.start(List.of(execution), List.of(), TruncationPeer.class, prefix)) {
            List<String> lines = new ArrayList<>();
            for (String line = peer.nextLine(PEER_TIMEOUT); !line.equals("DONE"); line = peer.nextLine(PEER_TIMEOUT)) {
                if (!line.startsWith("LATE ")) {
                    lines.add(line);
                }
                System.out.println("FAULT-" + line + " (" + execution + ")");
            }
            // Every kind checks the size before it touches the mapping: every access refused, in
            // every mode, the segment's compare-and-set and get-and-add too (else the JVM dies).
            assertThat(lines).hasSize(23)
                .filteredOn((line) -> !line.startsWith("SURVIVED "))
                .hasSize(22)
                .allSatisfy((line) -> assertThat(line).startsWith("TRANSLATED "));
            assertThat(lines).filteredOn((line) -> line.contains(" segment.")).hasSize(6);
            assertThat(lines).filteredOn((line) -> line.contains(" checkedRing.")).hasSize(7);
            assertThat(lines).contains("SURVIVED ring.close");
            assertThat(peer.waitFor(PEER_TIMEOUT)).isZero();
        }
    }

    @Test
    void aTruncatedSegmentIsRefusedInProcessAndItsCheckSaysTruncated() throws Exception {
        String name = this.cleanup.posixName("trunc");
        try (IpcSharedSegment segment = IpcSharedSegment.builder(name).size(1 << 20).open()) {
            for (int i = 0; i < 20_000; i++) {
                segment.putLong(4096, i);
                segment.read(8192, new byte[64]);
            }
            assertThat(segment.check().state()).isEqualTo(State.PRESENT);
            truncate(name, 4096);
            // A size check before the access, not a caught fault: deterministic in compiled code,
            // and the compare-and-set is refused instead of killing this JVM.
            for (int i = 0; i < 20_000; i++) {
                assertThatThrownBy(() -> segment.read(8192, new byte[64])).isInstanceOf(IpcException.class)
                    .hasMessageContaining(name).hasMessageContaining("truncated it to 4096 of its 1048576 bytes");
                assertThatThrownBy(() -> segment.compareAndSetLong(4096, 0, 1)).isInstanceOf(IpcException.class)
                    .hasMessageContaining(name);
            }
            // Even what lies inside the new size is refused: the segment is not what was opened.
            assertThatThrownBy(() -> segment.getLong(0)).isInstanceOf(IpcException.class).hasMessageContaining(name);
            IpcResourceStatus status = segment.check();
            assertThat(status.state()).isEqualTo(State.TRUNCATED);
            assertThat(status.detail()).isEqualTo("truncated: /dev/shm" + name
                    + " is 4096 bytes, this handle mapped 1048576; another process shrank it");
            System.out.println("FAULT-TRANSLATED segment.read and compareAndSetLong x20000 in process (lseek)");
            segment.unlink();
        }
    }

    @Test
    void aSegmentWithoutTheSizeCheckDoesNoSystemCallPerAccess() throws Exception {
        String name = this.cleanup.posixName("trunc");
        try (IpcSharedSegment checked = IpcSharedSegment.builder(name).size(4096).open();
                IpcSharedSegment unchecked = IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY)
                    .sizeChecked(false).open()) {
            // Truncated to a size that still covers every byte touched here, so nothing faults;
            // then the checked handle refuses and the unchecked one does not look.
            truncate(name, 2048);
            assertThatThrownBy(() -> checked.getLong(0)).isInstanceOf(IpcException.class).hasMessageContaining(name);
            unchecked.putLong(0, 42);
            assertThat(unchecked.getLong(0)).isEqualTo(42);
            checked.unlink();
        }
    }

    @Test
    void garbageInAHeaderTurnsTheCheckCorrupt() throws Exception {
        String mutexName = this.cleanup.posixName("garbage");
        String ringName = this.cleanup.posixName("garbage");
        try (IpcMutex mutex = IpcMutex.builder(mutexName).open();
                IpcMessageQueue ring = IpcMessageQueue.shm(ringName).maxMessages(8).maxMessageSize(64).open()) {
            assertThat(mutex.check().state()).isEqualTo(State.PRESENT);
            assertThat(ring.check().state()).isEqualTo(State.PRESENT);
            overwrite(mutexName);
            overwrite(ringName);
            IpcResourceStatus mutexStatus = mutex.check();
            assertThat(mutexStatus.state()).isEqualTo(State.CORRUPT);
            assertThat(mutexStatus.detail()).startsWith("corrupt: /dev/shm" + mutexName + ": its magic number is 0x");
            IpcResourceStatus ringStatus = ring.check();
            assertThat(ringStatus.state()).isEqualTo(State.CORRUPT);
            assertThat(ringStatus.detail()).startsWith("corrupt: /dev/shm" + ringName + ": ").contains(ringName);
            System.out.println("FAULT-TRANSLATED garbage header: mutex and ring check CORRUPT");
            mutex.unlink();
            ring.unlink();
        }
    }

    @Test
    void aTruncatedSegmentIsRefusedToTheNextOpener() throws Exception {
        String name = this.cleanup.posixName("trunc");
        try (IpcSharedSegment segment = IpcSharedSegment.builder(name).size(1 << 20).open()) {
            truncate(name, 0);
            // An opener learns the size with fstat and refuses the gone object before mapping it.
            assertThatThrownBy(() -> IpcSharedSegment.builder(name).size(1 << 20).open().close())
                .isInstanceOf(IpcException.class).hasMessageContaining("size 0");
            segment.unlink();
        }
    }

    @Test
    void aTruncatedBarrierIsRefusedBeforeItsCompareAndSet() throws Exception {
        String name = this.cleanup.posixName("trunc");
        try (IpcBarrier barrier = IpcBarrier.builder(name).parties(2).open()) {
            truncate(name, 0);
            // A size check, not a caught fault: deterministic in compiled code too.
            for (int i = 0; i < 20_000; i++) {
                assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(1))).isInstanceOf(IpcException.class)
                    .hasMessageContaining(name).hasMessageContaining("truncated it to 0 of its");
            }
            assertThatThrownBy(barrier::reset).isInstanceOf(IpcException.class).hasMessageContaining("truncated");
            System.out.println("FAULT-TRANSLATED barrier.await x20000 in process (size check)");
            barrier.unlink();
        }
    }

    @Test
    void garbageInAMutexOrBarrierHeaderIsRefusedAtOpen() throws Exception {
        String mutexName = this.cleanup.posixName("garbage");
        String barrierName = this.cleanup.posixName("garbage");
        IpcMutex.builder(mutexName).open().close();
        IpcBarrier.builder(barrierName).parties(2).open().close();
        for (String name : new String[] { mutexName, barrierName }) {
            overwrite(name);
        }
        assertThatThrownBy(() -> IpcMutex.builder(mutexName).open().close()).isInstanceOf(IpcException.class)
            .hasMessageContaining(mutexName);
        assertThatThrownBy(() -> IpcBarrier.builder(barrierName).parties(2).open().close())
            .isInstanceOf(IpcException.class).hasMessageContaining(barrierName);
        System.out.println("FAULT-TRANSLATED garbage header: mutex and barrier refused at open");
        this.cleanup.removeLeftovers();
    }

    /** What another process does: the truncate(1) tool, a separate process, on the object's file. */
    private static void truncate(String name, long size) {
        try (PeerProcess truncate = PeerProcess.start("truncate", "-s", String.valueOf(size), "/dev/shm" + name)) {
            assertThat(truncate.waitFor(Duration.ofSeconds(10))).isZero();
        }
    }

    private static void overwrite(String name) throws Exception {
        Path file = Path.of("/dev/shm" + name);
        long size = Files.size(file);
        try (PeerProcess dd = PeerProcess.start("dd", "if=/dev/urandom", "of=" + file, "bs=" + size, "count=1",
                "conv=notrunc")) {
            assertThat(dd.waitFor(Duration.ofSeconds(10))).isZero();
        }
    }

}
