package dev.springipc.core.posix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.JavaPeer;
import dev.springipc.core.sys.Sys;
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

class PosixSemaphoreTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcSemaphore open(IpcSemaphore.Builder builder) {
        return this.cleanup.track(builder.open());
    }



    @Test
    void modeIsAppliedExactlyWhateverTheUmaskAndOwnerIsReported() throws Exception {
        String name = this.cleanup.posixName("mode");
        IpcSemaphore semaphore = open(IpcSemaphore.builder(name).mode(0660));
        assertThat(semaphore.isOwned()).isTrue();
        assertThat(semaphore.permissions().mode()).isEqualTo(0660);
        assertThat(semaphore.permissions().uid()).isEqualTo(Sys.effectiveUid());
        assertThat(semaphore.permissions().gid()).isEqualTo(Sys.effectiveGid());
        // The umask of a test JVM is typically 022: without the explicit chmod this would read rw-r-----.
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of("/dev/shm/sem." + name.substring(1))))).isEqualTo("rw-rw----");
        semaphore.unlink();
    }

    @Test
    void createModesFollowBoostVocabulary() throws Exception {
        String name = this.cleanup.posixName("modes");
        assertThatThrownBy(() -> IpcSemaphore.builder(name).create(CreateMode.OPEN_ONLY).open())
                .isInstanceOf(IpcNotFoundException.class)
                .hasMessageContaining(name).hasMessageContaining("sem_open").hasMessageContaining("ENOENT")
                .hasMessageContaining("open-only");
        IpcSemaphore creator = open(IpcSemaphore.builder(name).permits(2).create(CreateMode.CREATE_ONLY));
        assertThat(creator.isOwned()).isTrue();
        assertThatThrownBy(() -> IpcSemaphore.builder(name).create(CreateMode.CREATE_ONLY).open())
                .isInstanceOf(IpcAlreadyExistsException.class).hasMessageContaining("EEXIST");
        IpcSemaphore opener = open(IpcSemaphore.builder(name).permits(9));
        assertThat(opener.isOwned()).isFalse();
        assertThat(opener.availablePermits()).isEqualTo(2);
        creator.acquire();
        IpcSemaphore recreated = open(IpcSemaphore.builder(name).permits(5).create(CreateMode.RECREATE));
        assertThat(recreated.isOwned()).isTrue();
        assertThat(recreated.availablePermits()).isEqualTo(5);
        recreated.unlink();
    }

    @Test
    void invalidNamesAreRefusedBeforeAnySystemCall() {
        for (String bad : new String[] { "noslash", "/", "/a/b", "/..", "/has space", "/semi;colon",
                "/" + "x".repeat(252) }) {
            assertThatThrownBy(() -> IpcSemaphore.builder(bad).open()).as(bad)
                    .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("invalid name");
        }
    }



    @Test
    void permitsReleasedInAChildJvmWakeTheParent() throws Exception {
        String name = this.cleanup.posixName("xjvm");
        IpcSemaphore semaphore = open(IpcSemaphore.builder(name).permits(0));
        try (PeerProcess child = ChildJvm.start(JavaPeer.class, "sem-release", name, "2")) {
            assertThat(semaphore.tryAcquire(PEER_TIMEOUT)).isTrue();
            assertThat(semaphore.tryAcquire(PEER_TIMEOUT)).isTrue();
            child.awaitLine("RELEASED", PEER_TIMEOUT);
            child.awaitSuccess(PEER_TIMEOUT);
        }
        try (PeerProcess child = ChildJvm.start(JavaPeer.class, "sem-acquire", name, "20")) {
            child.awaitLine("READY", PEER_TIMEOUT);
            semaphore.release();
            assertThat(child.nextLine(PEER_TIMEOUT)).isEqualTo("ACQUIRED");
            child.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(semaphore.availablePermits()).isZero();
        semaphore.unlink();
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = { true, false })
    void aCProgramPostsAndWaitsOnTheJavaSemaphore(boolean allowFastPath) throws Exception {
        Path peer = NativePeers.compileC("posix_peer");
        String name = this.cleanup.posixName("cpeer");
        IpcSemaphore semaphore = this.cleanup.track(PosixSemaphore.open(name, 0, 0600, CreateMode.OPEN_OR_CREATE,
                allowFastPath));
        try (PeerProcess post = PeerProcess.start(peer.toString(), "sem-post", name)) {
            assertThat(post.nextLine(PEER_TIMEOUT)).isEqualTo("POSTED");
            post.awaitSuccess(PEER_TIMEOUT);
        }
        assertThat(semaphore.tryAcquire(Duration.ofSeconds(5))).isTrue();
        try (PeerProcess wait = PeerProcess.start(peer.toString(), "sem-wait", name, "20")) {
            Thread.sleep(200);
            semaphore.release();
            assertThat(wait.nextLine(PEER_TIMEOUT)).isEqualTo("ACQUIRED");
            wait.awaitSuccess(PEER_TIMEOUT);
        }
        semaphore.unlink();
    }
}
