package dev.springipc.integration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether another process maps a POSIX shared memory object, read from {@code /proc/<pid>/maps}:
 * a mutex still mapped elsewhere must not be removed, or the next process to open the name
 * would get a new mutex while the others keep locking the old one.
 */
final class SharedMemoryUsers {

    private static final Path PROC = Path.of("/proc");

    private SharedMemoryUsers() {
    }

    /**
     * Whether a process other than this one maps {@code /dev/shm/<name without slash>}. A process
     * whose maps cannot be read (another user) counts as not mapping it: a mutex of mode 0600 is
     * only usable by its owner anyway.
     */
    static boolean mappedByAnotherProcess(String posixName) {
        String file = "/dev/shm/" + posixName.substring(1);
        String self = Long.toString(ProcessHandle.current().pid());
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (!process.getFileName().toString().equals(self) && maps(process.resolve("maps"), file)) {
                    return true;
                }
            }
            return false;
        }
        catch (IOException ex) {
            // Without /proc nothing can be checked: keeping the mutex is the safe side.
            return true;
        }
    }

    private static boolean maps(Path maps, String file) {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch((line) -> line.endsWith(file) || line.endsWith(file + " (deleted)"));
        }
        catch (IOException | RuntimeException ex) {
            // The process ended meanwhile, or belongs to another user.
            return false;
        }
    }
}
