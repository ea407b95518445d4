package dev.springipc.core.trust;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The mode does what it says for every kind: a peer running as another user (nobody, a real
 * process through {@code setpriv}) is denied an object created with the default {@code 0600}
 * ({@code EACCES}) and allowed one created with {@code 0666}.
 */
class PermissionTests {

    private static final int EACCES = 13;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private Path fifoDirectory;

    @BeforeEach
    void fifoDirectory() throws Exception {
        assumeThat(Sys.effectiveUid()).isNotEqualTo(Squatter.NOBODY);
        this.fifoDirectory = Files.createTempDirectory("sit-fifo-perm");
        Sys.check(LibC.chmod(this.fifoDirectory.toString(), 0755), "chmod");
    }

    @AfterEach
    void removeFifoDirectory() throws Exception {
        if (this.fifoDirectory != null) {
            try (var entries = Files.list(this.fifoDirectory)) {
                for (Path entry : entries.toList()) {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(this.fifoDirectory);
        }
    }

    @ParameterizedTest
    @EnumSource(SquattingTests.Kind.class)
    void anotherUserIsDeniedWhatTheModeDeniesAndAllowedWhatItAllows(SquattingTests.Kind kind) throws Exception {
        for (int mode : new int[] { 0600, 0666 }) {
            String name = kind.name(this.cleanup, this.fifoDirectory);
            try (AutoCloseable ours = kind.open(name, CreateMode.CREATE_ONLY, mode,
                    IpcTrust.OWNER_ONLY)) {
                String answer = Squatter.open(openKind(kind), target(kind, name));
                System.out.println("PERMISSION " + kind + " mode " + Integer.toOctalString(mode) + " as nobody: "
                        + answer);
                assertThat(answer).isEqualTo((mode == 0600) ? "DENIED " + EACCES : "OPENED");
                ((IpcResource) ours).unlink();
            }
        }
    }

    private static String openKind(SquattingTests.Kind kind) {
        return switch (kind) {
            case POSIX_SEMAPHORE -> "open-sem";
            case POSIX_QUEUE -> "open-mq";
            case SYSV_SEMAPHORE -> "open-sysvsem";
            case SYSV_QUEUE -> "open-sysvmsg";
            default -> "open-file";
        };
    }

    private static String target(SquattingTests.Kind kind, String name) {
        return switch (kind) {
            case SEGMENT, MUTEX, BARRIER, SPIN_LOCK, SHM_QUEUE -> "/dev/shm" + name;
            default -> name;
        };
    }
}
