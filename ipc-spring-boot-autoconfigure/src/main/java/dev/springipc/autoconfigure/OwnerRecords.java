package dev.springipc.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Small files that say which live processes use which IPC object, so that a start after a crash
 * (SIGKILL) can tell an object left by a dead owner from one a live peer still uses.
 * <p>
 * Layout: {@code <root>/<object id>/<pid>-<start millis>-<key>} per user of an object, holding
 * {@code owner=true} when that process created the object, plus a {@code remove-when-unused}
 * marker when a stopping owner left the object to its remaining users. All changes happen under
 * one {@code fcntl} lock ({@code <root>/.lock}), which the kernel releases when its holder dies.
 * The last user removes the object's directory, and the root when it is empty.
 */
final class OwnerRecords {

    static final String PENDING_REMOVAL = "remove-when-unused";

    private static final String LOCK = ".lock";

    private final Path root;

    OwnerRecords(Path root) {
        this.root = root;
    }

    /** Records of this user under {@code java.io.tmpdir}. */
    static OwnerRecords forCurrentUser() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new OwnerRecords(Path.of(System.getProperty("java.io.tmpdir"), "springipc-owners-" + user));
    }

    Path root() {
        return this.root;
    }

    /** Runs {@code action} holding the lock that serialises every change of the records. */
    <T> T locked(Supplier<T> action) {
        // fcntl locks belong to the process: threads of this JVM queue up here first.
        synchronized (OwnerRecords.class) {
            return lockedByProcess(action);
        }
    }

    private <T> T lockedByProcess(Supplier<T> action) {
        try {
            for (int attempt = 0;; attempt++) {
                Files.createDirectories(this.root, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Path lockFile = this.root.resolve(LOCK);
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    Object before = fileKey(lockFile);
                    try (FileLock lock = channel.lock()) {
                        // A last user may have removed the lock file while we waited: lock again.
                        if (before != null && before.equals(fileKey(lockFile))) {
                            return action.get();
                        }
                    }
                }
                if (attempt > 100) {
                    throw new IllegalStateException("Could not lock " + lockFile);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not lock the IPC owner records in " + this.root, ex);
        }
    }

    /** Every record of {@code objectId}, live or dead. */
    List<OwnerRecord> read(String objectId) {
        List<OwnerRecord> records = new ArrayList<>();
        for (Path file : list(directory(objectId))) {
            OwnerRecord record = OwnerRecord.parse(file);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** Records that this process ({@code key}) uses the object, and whether it created it. */
    void add(String objectId, String key, boolean owner) {
        Path directory = directory(objectId);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(OwnerRecord.fileName(OwnerRecord.self(), key)), "owner=" + owner);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void delete(OwnerRecord record) {
        deleteQuietly(record.file());
    }

    /** Removes the record of this process for {@code key}. */
    void remove(String objectId, String key) {
        deleteQuietly(directory(objectId).resolve(OwnerRecord.fileName(OwnerRecord.self(), key)));
    }

    boolean isPendingRemoval(String objectId) {
        return Files.exists(directory(objectId).resolve(PENDING_REMOVAL));
    }

    /** Asks the last remaining user to remove the object when it stops. */
    void markPendingRemoval(String objectId) {
        try {
            Files.createDirectories(directory(objectId));
            Files.writeString(directory(objectId).resolve(PENDING_REMOVAL), "");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Forgets the object: its records, its marker, and the root too when nothing else is left. */
    void forget(String objectId) {
        Path directory = directory(objectId);
        list(directory).forEach(OwnerRecords::deleteQuietly);
        deleteQuietly(directory);
        if (list(this.root).stream().allMatch((entry) -> entry.getFileName().toString().equals(LOCK))) {
            // Still holding the lock: waiters notice the lock file is gone and lock a new one.
            deleteQuietly(this.root.resolve(LOCK));
            deleteQuietly(this.root);
        }
    }

    private Path directory(String objectId) {
        return this.root.resolve(URLEncoder.encode(objectId, StandardCharsets.UTF_8));
    }

    static String objectIdOf(Path directory) {
        return URLDecoder.decode(directory.getFileName().toString(), StandardCharsets.UTF_8);
    }

    private static @Nullable Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        }
        catch (NoSuchFileException ex) {
            return null;
        }
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
        catch (NoSuchFileException ex) {
            return List.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (DirectoryNotEmptyException ex) {
            // A new user arrived; it is not ours to remove.
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One process's use of one object.
     *
     * @param pid the process id
     * @param startMillis the process start time in epoch milliseconds, 0 if unknown
     * @param key the bean name under which it declared the object
     * @param owner whether that process created the object
     * @param file the record file
     */
    record OwnerRecord(long pid, long startMillis, String key, boolean owner, Path file) {

        /** Tolerance when comparing start times, which the JDK derives from clock ticks. */
        private static final long START_TOLERANCE_MILLIS = 1000;

        static ProcessId self() {
            ProcessHandle self = ProcessHandle.current();
            return new ProcessId(self.pid(), startMillis(self));
        }

        static String fileName(ProcessId process, String key) {
            return process.pid() + "-" + process.startMillis() + "-" + key;
        }

        static @Nullable OwnerRecord parse(Path file) {
            String[] parts = file.getFileName().toString().split("-", 3);
            if (parts.length != 3 || !parts[0].chars().allMatch(Character::isDigit)
                    || !parts[1].chars().allMatch(Character::isDigit)) {
                return null;
            }
            boolean owner;
            try {
                owner = Files.readString(file).strip().equals("owner=true");
            }
            catch (IOException ex) {
                return null;
            }
            return new OwnerRecord(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], owner, file);
        }

        /** Whether the recorded process still runs: same pid and same start time. */
        boolean isAlive() {
            return ProcessHandle.of(this.pid)
                .filter(ProcessHandle::isAlive)
                .map((process) -> this.startMillis == 0 || startMillis(process) == 0
                        || Math.abs(startMillis(process) - this.startMillis) <= START_TOLERANCE_MILLIS)
                .orElse(false);
        }

        boolean isSelf() {
            return this.pid == ProcessHandle.current().pid();
        }

        private static long startMillis(ProcessHandle process) {
            return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OwnerRecord record && Objects.equals(this.file, record.file);
        }

        @Override
        public int hashCode() {
            return this.file.hashCode();
        }
    }

    record ProcessId(long pid, long startMillis) {
    }
}
