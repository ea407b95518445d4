package dev.springipc.core.posix;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.JavaPeer;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosixSharedSegmentTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcSharedSegment open(IpcSharedSegment.Builder builder) {
        return this.cleanup.track(builder.open());
    }

    @Test
    void bytesAndLongsRoundTripWithBoundsAndAlignmentChecked() {
        IpcSharedSegment segment = open(IpcSharedSegment.builder(this.cleanup.posixName("rt")).size(4096).mode(0640));
        assertThat(segment.size()).isEqualTo(4096);
        assertThat(segment.permissions().mode()).isEqualTo(0640);
        segment.write(100, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] read = new byte[5];
        segment.read(100, read);
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("hello");
        segment.putLong(4088, -7L);
        assertThat(segment.getLong(4088)).isEqualTo(-7L);
        assertThat(segment.compareAndSetLong(4088, -7L, 9L)).isTrue();
        assertThat(segment.compareAndSetLong(4088, -7L, 10L)).isFalse();
        assertThat(segment.getAndAddLong(4088, 5)).isEqualTo(9L);
        assertThat(segment.getLong(4088)).isEqualTo(14L);
        assertThatThrownBy(() -> segment.getLong(4096)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("4096 bytes");
        assertThatThrownBy(() -> segment.write(4090, new byte[8])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.read(-1, new byte[1])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.putLong(12, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 8-byte aligned");
        segment.unlink();
        segment.close();
        assertThatThrownBy(() -> segment.getLong(0)).isInstanceOf(IpcClosedException.class);
    }

    @Test
    void openingAnExistingSegmentLearnsItsSizeAndRefusesToGrowIt() {
        String name = this.cleanup.posixName("size");
        IpcSharedSegment creator = open(IpcSharedSegment.builder(name).size(8192));
        creator.putLong(0, 42);
        IpcSharedSegment opener = open(IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY));
        assertThat(opener.isOwned()).isFalse();
        assertThat(opener.size()).isEqualTo(8192);
        assertThat(opener.getLong(0)).isEqualTo(42);
        assertThatThrownBy(() -> IpcSharedSegment.builder(name).size(16384).open()).isInstanceOf(IpcException.class)
                .hasMessageContaining("8192 bytes, less than the 16384 requested");
        creator.unlink();
        assertThatThrownBy(() -> IpcSharedSegment.builder(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcNotFoundException.class).hasMessageContaining("shm_open");
        assertThatThrownBy(() -> IpcSharedSegment.builder("/bad/name").size(10).open())
                .isInstanceOf(IpcInvalidNameException.class);
    }

    @Test
    void atomicAddsFromThreeProcessesLoseNoUpdate() throws Exception {
        String name = this.cleanup.posixName("counter");
        IpcSharedSegment segment = open(IpcSharedSegment.builder(name).size(4096));
        segment.write(256, "from-parent".getBytes(StandardCharsets.UTF_8));
        int perProcess = 200_000;
        List<PeerProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.start(JavaPeer.class, "shm-add", name, "64", Integer.toString(perProcess),
                        "256", "11"));
            }
            for (int i = 0; i < perProcess; i++) {
                segment.getAndAddLong(64, 1);
            }
            for (PeerProcess child : children) {
                assertThat(child.nextLine(PEER_TIMEOUT)).isEqualTo("SIZE 4096");
                assertThat(child.nextLine(PEER_TIMEOUT)).isEqualTo("TEXT from-parent");
                child.awaitLine("DONE", PEER_TIMEOUT);
                child.awaitSuccess(PEER_TIMEOUT);
            }
        }
        finally {
            children.forEach(PeerProcess::close);
        }
        assertThat(segment.getLong(64)).isEqualTo(3L * perProcess);
        segment.unlink();
    }

    @Test
    void pythonSharedMemoryReadsWhatJavaWroteAndJavaReadsWhatPythonWrote() {
        String name = this.cleanup.posixName("python");
        IpcSharedSegment segment = open(IpcSharedSegment.builder(name).size(4096));
        segment.write(0, "java-wrote".getBytes(StandardCharsets.UTF_8));
        segment.putLong(16, 0x0102030405060708L);
        // Python's own module, in the machine's byte order ('=q'); untrack so its resource tracker
        // does not unlink a segment it did not create (Python < 3.13).
        String script = String.join("\n",
                "import struct, sys",
                "from multiprocessing import shared_memory, resource_tracker",
                "shm = shared_memory.SharedMemory(name=sys.argv[1])",
                "resource_tracker.unregister(shm._name, 'shared_memory')",
                "print(bytes(shm.buf[0:10]).decode())",
                "print(struct.unpack_from('=q', shm.buf, 16)[0])",
                "shm.buf[100:112] = b'python-wrote'",
                "struct.pack_into('=q', shm.buf, 120, -1234567890123)",
                "shm.close()",
                "print('DONE')");
        try (PeerProcess python = PeerProcess.start(NativePeers.python(), "-c", script, name.substring(1))) {
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("java-wrote");
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo(Long.toString(0x0102030405060708L));
            assertThat(python.nextLine(PEER_TIMEOUT)).isEqualTo("DONE");
            python.awaitSuccess(PEER_TIMEOUT);
        }
        byte[] text = new byte[12];
        segment.read(100, text);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("python-wrote");
        assertThat(segment.getLong(120)).isEqualTo(-1234567890123L);
        // The byte layout is the machine's own: the low byte comes first on little-endian hosts.
        byte[] raw = new byte[8];
        segment.read(16, raw);
        assertThat(raw[0]).isEqualTo(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? (byte) 0x08 : (byte) 0x01);
        segment.unlink();
    }
}
