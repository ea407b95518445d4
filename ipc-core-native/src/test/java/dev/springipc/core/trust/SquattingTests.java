package dev.springipc.core.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.IpcUntrustedObjectException;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.Sys;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Squatting, tried as an attacker on the same host would: another user (nobody) creates the
 * object first under the name the application uses, with a mode that lets the application open
 * it. Open-or-create must refuse it for every kind, with the owner, the mode and the fix in the
 * message, unless that owner is trusted. Each refused attack prints {@code ATTACK-REFUSED}.
 */
class SquattingTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private Path fifoDirectory;

    @BeforeEach
    void requireAnotherUser() throws Exception {
        // As root the squatter's objects open whatever their mode; as anyone else nobody's 0600
        // object would already fail with EACCES. Both are covered: root is the harder case.
        assumeThat(Sys.effectiveUid()).as("a squatter is another user: nobody").isNotEqualTo(Squatter.NOBODY);
        this.fifoDirectory = Files.createTempDirectory("sit-fifo-trust");
        // Like /tmp: every user may create there, the sticky bit keeps them from replacing others' entries.
        Sys.check(LibC.chmod(this.fifoDirectory.toString(), 01777), "chmod");
    }

    @AfterEach
    void removeFifoDirectory() throws IOException {
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
    @EnumSource(Kind.class)
    void anObjectAnotherUserCreatedFirstIsRefusedUnderOpenOrCreate(Kind kind) {
        String name = kind.name(this.cleanup, this.fifoDirectory);
        kind.squat(name, 0666);
        assertThatThrownBy(() -> kind.open(name, CreateMode.OPEN_OR_CREATE, 0600, IpcTrust.OWNER_ONLY).close())
            .isInstanceOf(IpcUntrustedObjectException.class)
            .hasMessageContaining("owner uid " + Squatter.NOBODY)
            .hasMessageContaining("mode 0666")
            .hasMessageContaining(kind.removal(name))
            .hasMessageContaining("ipc.trust.users")
            .satisfies((ex) -> assertThat(((IpcUntrustedObjectException) ex).ownerUid()).isEqualTo(Squatter.NOBODY));
        refused(kind, "foreign owner");
        removeAll(name);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aForeignObjectWithTheConfiguredModeIsRefusedToo(Kind kind) {
        String name = kind.name(this.cleanup, this.fifoDirectory);
        kind.squat(name, 0600);
        assertThatThrownBy(() -> kind.open(name, CreateMode.OPEN_OR_CREATE, 0600, IpcTrust.OWNER_ONLY).close())
            .isInstanceOf(IpcUntrustedObjectException.class)
            .hasMessageContaining("is neither our effective uid");
        refused(kind, "foreign owner, same mode");
        removeAll(name);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTrustedUserOrGroupIsAccepted(Kind kind) throws Exception {
        String name = kind.name(this.cleanup, this.fifoDirectory);
        kind.squatUsable(name, 0600);
        kind.open(name, CreateMode.OPEN_OR_CREATE, 0600, IpcTrust.OWNER_ONLY.trustUser(Squatter.NOBODY)).close();
        kind.open(name, CreateMode.OPEN_OR_CREATE, 0600, IpcTrust.OWNER_ONLY.trustGroup(Squatter.NOBODY)).close();
        // Trusting the owner does not widen the mode rule.
        assertThatThrownBy(() -> kind.open(name, CreateMode.OPEN_OR_CREATE, 0600,
                IpcTrust.OWNER_ONLY.trustUser(12345)).close()).isInstanceOf(IpcUntrustedObjectException.class);
        removeAll(name);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openOnlyOpensAForeignObjectUnlessAskedToCheck(Kind kind) throws Exception {
        String name = kind.name(this.cleanup, this.fifoDirectory);
        kind.squatUsable(name, 0600);
        kind.open(name, CreateMode.OPEN_ONLY, 0600, IpcTrust.OWNER_ONLY).close();
        assertThatThrownBy(() -> kind.open(name, CreateMode.OPEN_ONLY, 0600,
                IpcTrust.OWNER_ONLY.checkingOpenOnly()).close()).isInstanceOf(IpcUntrustedObjectException.class);
        refused(kind, "foreign owner, open-only with checkOpenOnly");
        removeAll(name);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anObjectOfOursWithAWiderModeThanConfiguredIsRefused(Kind kind) throws Exception {
        String name = kind.name(this.cleanup, this.fifoDirectory);
        try (AutoCloseable created = kind.open(name, CreateMode.CREATE_ONLY, 0666, IpcTrust.OWNER_ONLY)) {
            assertThat(((IpcResource) created).permissions().mode()).isEqualTo(0666);
            for (int configured : new int[] { 0600, 0660, 0604 }) {
                assertThatThrownBy(() -> kind.open(name, CreateMode.OPEN_OR_CREATE, configured, IpcTrust.OWNER_ONLY)
                    .close()).isInstanceOf(IpcUntrustedObjectException.class)
                    .hasMessageContaining("grants group/other bits");
                refused(kind, "mode 0666 wider than " + Integer.toOctalString(configured));
            }
            kind.open(name, CreateMode.OPEN_OR_CREATE, 0666, IpcTrust.OWNER_ONLY).close();
            // Owner bits are ours to choose: 0466 is as narrow for group and other.
            kind.open(name, CreateMode.OPEN_OR_CREATE, 0466, IpcTrust.OWNER_ONLY).close();
            ((IpcResource) created).unlink();
        }
        removeAll(name);
    }

    @Test
    void aFifoDirectoryThatEveryUserMayWriteWithoutTheStickyBitIsRefused() throws Exception {
        Path open = this.fifoDirectory.resolve("open");
        Files.createDirectory(open);
        Sys.check(LibC.chmod(open.toString(), 0777), "chmod");
        Path fifo = open.resolve("sit.trust.fifo");
        try {
            assertThatThrownBy(() -> IpcFifo.builder(fifo.toString()).open().close())
                .isInstanceOf(IpcUntrustedObjectException.class)
                .hasMessageContaining("writable by every user and has no sticky bit")
                .hasMessageContaining("chmod +t " + open);
            refused(Kind.FIFO, "directory 0777 without sticky bit");
            assertThat(fifo).doesNotExist();
            // With the sticky bit (as /tmp has) nobody can replace another user's FIFO there.
            Sys.check(LibC.chmod(open.toString(), 01777), "chmod");
            try (IpcFifo ours = IpcFifo.builder(fifo.toString()).open()) {
                ours.unlink();
            }
        }
        finally {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(open);
        }
    }

    @Test
    void aSymbolicLinkToTheFifoDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        Path target = this.fifoDirectory.resolve("target");
        Files.createDirectory(target);
        Path link = this.fifoDirectory.resolve("link");
        Squatter.create("symlink", link.toString(), 0, target.toString());
        try {
            assertThatThrownBy(() -> IpcFifo.builder(link.resolve("sit.trust.fifo").toString()).open().close())
                .isInstanceOf(IpcUntrustedObjectException.class)
                .hasMessageContaining("is a symbolic link owned by uid " + Squatter.NOBODY);
            refused(Kind.FIFO, "directory through another user's symlink");
            assertThat(target.resolve("sit.trust.fifo")).doesNotExist();
        }
        finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(target);
        }
    }

    @Test
    void aSymbolicLinkAtTheFifoPathIsRefusedAndNeverFollowed() throws Exception {
        Path decoy = this.fifoDirectory.resolve("decoy.fifo");
        Squatter.create("fifo", decoy.toString(), 0666);
        Path fifo = this.fifoDirectory.resolve("sit.trust.fifo");
        Squatter.create("symlink", fifo.toString(), 0, decoy.toString());
        assertThatThrownBy(() -> IpcFifo.builder(fifo.toString()).open().close())
            .hasMessageContaining("symbolic link");
        refused(Kind.FIFO, "symlink at the FIFO path");
        assertThat(Files.isSymbolicLink(fifo)).isTrue();
        Files.delete(fifo);
        Files.delete(decoy);
    }

    private void removeAll(String name) {
        this.cleanup.removeLeftovers();
        try {
            if (name.startsWith("/") && Files.exists(Path.of(name), LinkOption.NOFOLLOW_LINKS) && !name.startsWith("/dev")) {
                Files.delete(Path.of(name));
            }
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static void refused(Kind kind, String attack) {
        System.out.println("ATTACK-REFUSED " + kind + " " + attack);
    }

    /** Every kind, opened through its public builder with the mode, create mode and trust given. */
    enum Kind {

        SEGMENT, MUTEX, BARRIER, SPIN_LOCK, SHM_QUEUE, POSIX_SEMAPHORE, POSIX_QUEUE, SYSV_SEMAPHORE, SYSV_QUEUE, FIFO;

        private static final Map<Kind, String> SQUAT_KINDS = Map.of(SEGMENT, "file", MUTEX, "file", BARRIER, "file",
                SPIN_LOCK, "file", SHM_QUEUE, "file", POSIX_SEMAPHORE, "sem", POSIX_QUEUE, "mq", SYSV_SEMAPHORE,
                "sysvsem", SYSV_QUEUE, "sysvmsg", FIFO, "fifo");

        /** Kinds whose squatted object is zero-filled, which their header check would refuse when trusted. */
        private static final Set<Kind> WITH_HEADER = Set.of(MUTEX, BARRIER, SPIN_LOCK, SHM_QUEUE);

        String name(IpcCleanup cleanup, Path fifoDirectory) {
            return switch (this) {
                case SYSV_SEMAPHORE, SYSV_QUEUE -> String.valueOf(cleanup.sysvKey("trust"));
                case FIFO -> fifoDirectory.resolve(cleanup.fifoPath("trust").getFileName()).toString();
                default -> cleanup.posixName("trust");
            };
        }

        /** The squatter's object, created by nobody. */
        void squat(String name, int mode) {
            String kind = SQUAT_KINDS.get(this);
            if (kind.equals("file")) {
                Squatter.create(kind, "/dev/shm" + name, mode, "4096");
            }
            else {
                Squatter.create(kind, name, mode);
            }
        }

        /** An object owned by nobody that the kind can use once trusted: a header kind is made by us, then given away. */
        void squatUsable(String name, int mode) throws Exception {
            if (!WITH_HEADER.contains(this)) {
                squat(name, mode);
                return;
            }
            try (AutoCloseable ours = open(name, CreateMode.CREATE_ONLY, mode, IpcTrust.OWNER_ONLY)) {
                Path file = Path.of("/dev/shm" + name);
                Files.setAttribute(file, "unix:uid", Squatter.NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", Squatter.NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }

        String removal(String name) {
            return switch (this) {
                case POSIX_SEMAPHORE -> "rm /dev/shm/sem." + name.substring(1);
                case POSIX_QUEUE -> "rm /dev/mqueue" + name;
                case SYSV_SEMAPHORE -> "ipcrm -S ";
                case SYSV_QUEUE -> "ipcrm -Q ";
                case FIFO -> "rm " + name;
                default -> "rm /dev/shm" + name;
            };
        }

        AutoCloseable open(String name, CreateMode create, int mode, IpcTrust trust) {
            return switch (this) {
                case SEGMENT -> IpcSharedSegment.builder(name).size(4096).mode(mode).create(create).trust(trust).open();
                case MUTEX -> IpcMutex.builder(name).mode(mode).create(create).trust(trust).open();
                case BARRIER -> IpcBarrier.builder(name).parties(2).mode(mode).create(create).trust(trust).open();
                case SPIN_LOCK -> IpcSpinLock.builder(name).mode(mode).create(create).trust(trust).open();
                case SHM_QUEUE -> IpcMessageQueue.shm(name).maxMessages(4).maxMessageSize(64).mode(mode).create(create)
                    .trust(trust).open();
                case POSIX_SEMAPHORE -> IpcSemaphore.builder(name).permits(1).mode(mode).create(create).trust(trust)
                    .open();
                case POSIX_QUEUE -> IpcMessageQueue.posix(name).mode(mode).create(create).trust(trust).open();
                case SYSV_SEMAPHORE -> IpcSemaphore.sysv(Integer.parseInt(name)).permits(1).mode(mode).create(create)
                    .trust(trust).open();
                case SYSV_QUEUE -> IpcMessageQueue.sysv(Integer.parseInt(name)).mode(mode).create(create).trust(trust)
                    .open();
                case FIFO -> IpcFifo.builder(name).mode(mode).create(create).trust(trust).open();
            };
        }
    }
}
