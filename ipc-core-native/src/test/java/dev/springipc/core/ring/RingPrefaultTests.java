package dev.springipc.core.ring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handle of a ring has its pages mapped from the start ({@code MAP_POPULATE}): the kernel's
 * own account of this process's mapping ({@code Rss} in {@code /proc/self/smaps}) holds the whole
 * ring right after open, for the creator and for a handle that opened it, before any message was
 * sent. Without it only the header pages would be resident, and each first touch of a page in
 * the hot path would be a page fault.
 */
class RingPrefaultTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void theWholeRingIsMappedInWhenItIsCreatedAndWhenItIsOpened() throws IOException {
        String name = this.cleanup.posixName("prefault");
        IpcShmQueue created = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(512).maxMessageSize(8192)
            .open());
        try {
            long size = Files.size(Path.of("/dev/shm" + name));
            assertThat(size).as("a ring of several MiB").isGreaterThan(4L << 20);
            long pagesKiB = (size + 4095) / 4096 * 4; // Rss counts whole 4 KiB pages
            assertThat(residentKiB(name)).as("resident after create").containsExactly(pagesKiB);
            try (IpcShmQueue opened = IpcMessageQueue.shm(name).create(CreateMode.OPEN_ONLY).open()) {
                assertThat(residentKiB(name)).as("resident in both handles' mappings after open")
                    .containsExactly(pagesKiB, pagesKiB);
            }
        }
        finally {
            created.unlink();
        }
    }

    /** The Rss of each mapping of {@code /dev/shm<name>} in this process, in KiB. */
    private static List<Long> residentKiB(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        List<Long> resident = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" /dev/shm" + name)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).contains(" /"); j++) {
                    String line = lines.get(j);
                    if (line.startsWith("Rss:")) {
                        resident.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
                        break;
                    }
                }
            }
        }
        return resident;
    }
}
