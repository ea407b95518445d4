package dev.springipc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.springipc.core.SysvKey;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.LibSysv;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands out unique names and removes every object made under them after each test, passed or
 * failed, including objects made by child processes and native peers. It then fails the test if
 * anything of this run is left in /dev/shm, /dev/mqueue, the FIFO directory or among the System V
 * semaphores and queues with keys it handed out, so that a leak
 * cannot go unnoticed.
 * <pre>{@code @RegisterExtension final IpcCleanup cleanup = new IpcCleanup();}</pre>
 */
public final class IpcCleanup implements AfterEachCallback {

    private static final Path DEV_SHM = Path.of("/dev/shm");

    private static final Path DEV_MQUEUE = Path.of("/dev/mqueue");

    private final Path fifoDirectory;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final List<String> posixNames = new ArrayList<>();

    private final List<Integer> sysvKeys = new ArrayList<>();

    public IpcCleanup() {
        this(Path.of("/tmp"));
    }

    public IpcCleanup(Path fifoDirectory) {
        this.fifoDirectory = fifoDirectory;
    }

    /** A unique POSIX name, e.g. {@code /sit.4242.jobs.1}. */
    public String posixName(String tag) {
        String name = "/" + TestNames.unique(tag);
        this.posixNames.add(name);
        return name;
    }

    /** A unique System V key, derived from a unique name; its semaphore and queue are removed after the test. */
    public int sysvKey(String tag) {
        int key = SysvKey.of(TestNames.unique(tag));
        this.sysvKeys.add(key);
        return key;
    }

    /** A unique FIFO path in the FIFO directory. */
    public Path fifoPath(String tag) {
        return this.fifoDirectory.resolve(TestNames.unique(tag) + ".fifo");
    }

    /** Closes {@code closeable} after the test, before the leftovers are removed. */
    public <T extends AutoCloseable> T track(T closeable) {
        this.closeables.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : this.closeables) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                // Removal below is what matters; a failed close must not hide leftovers.
            }
        }
        this.closeables.clear();
        List<String> leftovers = removeLeftovers();
        if (!leftovers.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("The test left IPC objects behind (now removed): " + leftovers);
        }
    }

    /** Removes every object of this run; returns what it found. */
    public List<String> removeLeftovers() {
        List<String> found = new ArrayList<>();
        // /dev/mqueue is often not mounted, so queues are removed by name; so are the others.
        for (String name : this.posixNames) {
            if (LibRt.mq_unlink(name) == 0) {
                found.add("message queue " + name);
            }
            if (LibRt.shm_unlink(name) == 0) {
                found.add("shared memory " + name);
            }
            if (LibRt.sem_unlink(name) == 0) {
                found.add("semaphore " + name);
            }
        }
        this.posixNames.clear();
        for (int key : this.sysvKeys) {
            int semid = LibSysv.semget(key, 0, 0);
            if (semid >= 0 && LibSysv.semctl(semid, 0, LibSysv.IPC_RMID, 0) == 0) {
                found.add("System V semaphore key " + SysvKey.format(key));
            }
            int msqid = LibSysv.msgget(key, 0);
            if (msqid >= 0 && LibSysv.msgctl(msqid, LibSysv.IPC_RMID, null) == 0) {
                found.add("System V message queue key " + SysvKey.format(key));
            }
        }
        this.sysvKeys.clear();
        String prefix = TestNames.runPrefix();
        for (Path directory : List.of(DEV_SHM, DEV_MQUEUE, this.fifoDirectory)) {
            for (Path entry : list(directory)) {
                String file = entry.getFileName().toString();
                if (file.startsWith(prefix) || file.startsWith("sem." + prefix)) {
                    found.add(entry.toString());
                    delete(entry);
                }
            }
        }
        return found;
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(Path entry) {
        try {
            if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(entry);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
