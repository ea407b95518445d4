package dev.springipc.test.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's tables of System V objects, {@code /proc/sysvipc/sem} and {@code /proc/sysvipc/msg}:
 * one line per object, its key (decimal) first. Read rather than probed with {@code semget},
 * so that a check never touches an object.
 */
enum SysvObjects {

    SEMAPHORES("semaphore set", "-S", Path.of("/proc/sysvipc/sem")),

    MESSAGE_QUEUES("message queue", "-Q", Path.of("/proc/sysvipc/msg"));

    private final String label;

    private final String ipcrmOption;

    private final Path table;

    SysvObjects(String label, String ipcrmOption, Path table) {
        this.label = label;
        this.ipcrmOption = ipcrmOption;
        this.table = table;
    }

    String label() {
        return this.label;
    }

    String ipcrmOption() {
        return this.ipcrmOption;
    }

    boolean containsKey(int key) {
        String wanted = Integer.toString(key);
        return lines().stream().skip(1).map(String::strip).anyMatch((line) -> line.split("\\s+", 2)[0].equals(wanted));
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(this.table);
        }
        catch (NoSuchFileException ex) {
            return List.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + this.table, ex);
        }
    }
}
