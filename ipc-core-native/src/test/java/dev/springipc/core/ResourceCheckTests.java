package dev.springipc.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.springipc.core.IpcResourceStatus.State;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpcResource#check()} for every kind: an object removed behind the handle's back is
 * reported vanished, one created again under the same name replaced, a closed handle closed.
 * Objects are removed the way an operator would ({@code rm}, {@code ipcrm}) where the kind has a
 * file or a key; a POSIX queue (no {@code /dev/mqueue} mount needed) is removed through a
 * second handle, which is the same {@code mq_unlink} another process would make.
 */
class ResourceCheckTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    enum Kind {

        SEGMENT {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcSharedSegment.builder(name).size(4096).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                Files.delete(Path.of("/dev/shm" + resource.name()));
            }
        },

        POSIX_SEMAPHORE {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcSemaphore.builder(name).permits(1).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                Files.delete(Path.of("/dev/shm/sem." + resource.name().substring(1)));
            }
        },

        SHM_QUEUE {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcMessageQueue.shm(name).maxMessages(4).maxMessageSize(64).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                Files.delete(Path.of("/dev/shm" + resource.name()));
            }
        },

        MUTEX {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcMutex.builder(name).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                Files.delete(Path.of("/dev/shm" + resource.name()));
            }
        },

        POSIX_QUEUE {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcMessageQueue.posix(name).maxMessages(4).maxMessageSize(64).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) {
                try (IpcMessageQueue other = IpcMessageQueue.posix(resource.name()).create(CreateMode.OPEN_ONLY).open()) {
                    other.unlink();
                }
            }
        },

        SYSV_QUEUE {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcMessageQueue.sysv(key).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                ipcrm("-Q", key);
            }
        },

        SYSV_SEMAPHORE {
            @Override
            IpcResource open(String name, int key, CreateMode create) {
                return IpcSemaphore.sysv(key).permits(1).create(create).open();
            }

            @Override
            void removeFromOutside(IpcResource resource, int key) throws Exception {
                ipcrm("-S", key);
            }
        };

        abstract IpcResource open(String name, int key, CreateMode create);

        abstract void removeFromOutside(IpcResource resource, int key) throws Exception;

        private static void ipcrm(String option, int key) throws IOException, InterruptedException {
            Process ipcrm = new ProcessBuilder(List.of("ipcrm", option, "0x" + Integer.toHexString(key)))
                .inheritIO()
                .start();
            assertThat(ipcrm.waitFor()).as("ipcrm exit code").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void objectRemovedFromOutsideIsReportedVanishedAndOneCreatedAgainReplaced(Kind kind) throws Exception {
        String name = this.cleanup.posixName("check");
        int key = this.cleanup.sysvKey("check");
        IpcResource resource = this.cleanup.track(kind.open(name, key, CreateMode.CREATE_ONLY));
        assertThat(resource.check().state()).isEqualTo(State.PRESENT);
        assertThat(resource.check().isUsable()).isTrue();

        kind.removeFromOutside(resource, key);
        IpcResourceStatus vanished = resource.check();
        assertThat(vanished.state()).isEqualTo(State.VANISHED);
        assertThat(vanished.detail()).startsWith("vanished: ");

        IpcResource replacement = this.cleanup.track(kind.open(name, key, CreateMode.CREATE_ONLY));
        IpcResourceStatus replaced = resource.check();
        assertThat(replaced.state()).isEqualTo(State.REPLACED);
        assertThat(replaced.detail()).startsWith("replaced: ");
        assertThat(replacement.check().state()).isEqualTo(State.PRESENT);
        replacement.unlink();
    }

    @Test
    void fifoRemovedFromOutsideIsReportedVanished() throws Exception {
        Path path = this.cleanup.fifoPath("check");
        IpcFifo fifo = this.cleanup.track(IpcFifo.builder(path.toString()).open());
        assertThat(fifo.check().state()).isEqualTo(State.PRESENT);
        Files.delete(path);
        assertThat(fifo.check().detail()).isEqualTo("vanished: " + path + " no longer exists");
    }

    @Test
    void closedHandleIsReportedClosed() {
        IpcSharedSegment segment = this.cleanup
            .track(IpcSharedSegment.builder(this.cleanup.posixName("closed")).size(4096).open());
        segment.close();
        assertThat(segment.check().state()).isEqualTo(State.CLOSED);
        segment.unlink();
    }
}
