package dev.springipc.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the objects of one namespace where the kernel shows them: {@code /dev/shm} (segments, shm
 * queues, mutexes, barriers; {@code sem.*} are semaphores), {@code /dev/mqueue} (POSIX queues,
 * where mounted) and the FIFO directory.
 */
final class LeftoverScan {

    private LeftoverScan() {
    }

    static List<String> of(String namespace, Path fifoDirectory) {
        List<String> found = new ArrayList<>();
        String prefix = namespace + ".";
        scan(Path.of("/dev/shm"), prefix, found, "");
        scan(Path.of("/dev/shm"), "sem." + prefix, found, "");
        scan(Path.of("/dev/mqueue"), prefix, found, "");
        scan(fifoDirectory, prefix, found, ".fifo");
        return found;
    }

    private static void scan(Path directory, String prefix, List<String> found, String suffix) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            entries.map((entry) -> entry.getFileName().toString())
                .filter((name) -> name.startsWith(prefix) && name.endsWith(suffix))
                .map(directory::resolve)
                .forEach((entry) -> found.add(entry.toString()));
        }
        catch (IOException ex) {
            // unreadable: nothing to report from it
        }
    }
}
