package dev.springipc.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One instance's exclusive claim of a declared reply queue: a POSIX record lock ({@code fcntl
 * F_SETLK}, which is what {@link FileChannel#tryLock()} does on Linux) on
 * {@code /dev/shm/<os name>.reply-claim}, holding the claimant's pid. Two running instances of
 * one application (same {@code ipc.template.reply-queue}) cannot both hold it, so the second
 * takes its replies elsewhere and neither steals the other's.
 * <p>
 * Why a record lock: the kernel drops it when its process dies, SIGKILL included, so a claim
 * never outlives its instance; the file a killed instance leaves is claimed again (and removed at
 * its stop) by the next instance that asks. Why one claim per path per JVM ({@link #HELD_HERE}):
 * record locks belong to the process, and closing any descriptor of the file would drop the lock
 * of another template of this JVM, so this JVM opens the file only once at a time.
 * <p>
 * Removal: the holder deletes the file while it still holds the lock, then releases it. A
 * claimant that opened the old file just before has locked a deleted file; it sees so (no
 * descriptor of this process names the path any more, only {@code <path> (deleted)}) and tries
 * again on the new file.
 */
final class IpcReplyQueueClaim implements AutoCloseable {

    static final String SUFFIX = ".reply-claim";

    private static final Path DIRECTORY = Path.of("/dev/shm");

    private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

    private static final Path LOCKS = Path.of("/proc/locks");

    private static final int ATTEMPTS = 5;

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;

    private final FileChannel channel;

    private IpcReplyQueueClaim(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The claim file of {@code replies}: {@code /dev/shm/<os name, '/' and blanks as '_'>.reply-claim}. */
    static Path fileOf(IpcDestination replies) {
        String name = replies.resource().name().replaceFirst("^/+", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return DIRECTORY.resolve(name + SUFFIX);
    }

    /**
     * Claims {@code replies} for this instance; null when another instance (or another template of
     * this JVM) holds it.
     * @throws UncheckedIOException when the claim file cannot be made (say, {@code /dev/shm} is not writable)
     */
    static @Nullable IpcReplyQueueClaim tryClaim(IpcDestination replies) {
        Path file = fileOf(replies);
        if (!HELD_HERE.add(file)) {
            return null;
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    HELD_HERE.remove(file);
                    return null;
                }
                if (namesThePath(file)) {
                    byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(pid), 0);
                    return new IpcReplyQueueClaim(file, channel);
                }
                channel.close(); // we locked a file its holder had just removed: try the new one
            }
            HELD_HERE.remove(file);
            throw new IllegalStateException("Could not claim " + file + " in " + ATTEMPTS
                    + " attempts: it is removed and made again faster than it can be locked");
        }
        catch (IOException ex) {
            HELD_HERE.remove(file);
            throw new UncheckedIOException("Cannot claim the reply queue '" + replies.key() + "' with " + file
                    + ": /dev/shm must be writable", ex);
        }
    }

    /** Who holds the claim of {@code replies}, for a log line: {@code process 4242}, {@code this process}. */
    static String holderOf(IpcDestination replies) {
        Path file = fileOf(replies);
        if (HELD_HERE.contains(file)) {
            return "another IpcTemplate of this process";
        }
        String pid = lockHolder(file);
        if (pid == null) {
            try {
                pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            catch (IOException ex) {
                pid = "";
            }
        }
        return pid.isEmpty() ? "another process" : "process " + pid;
    }

    /**
     * The pid the kernel names as holder of the record lock on {@code file} ({@code /proc/locks}:
     * {@code 1: POSIX ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF}); null if none is found.
     * Asked of the kernel because the claimant writes its pid into the file only after it holds
     * the lock, so a claimant that just won may not have written it yet.
     */
    private static @Nullable String lockHolder(Path file) {
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(LOCKS, StandardCharsets.US_ASCII)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 6 && fields[1].equals("POSIX") && fields[5].endsWith(inode)) {
                    return fields[4];
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // no /proc/locks, or the file went away meanwhile: the file's content has to do
        }
        return null;
    }

    /** The claim file. */
    Path file() {
        return this.file;
    }

    /** Removes the claim file, then releases the lock (in that order: see the class comment). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(this.file);
        }
        catch (IOException ex) {
            // The lock is released below all the same; the next claimant reuses the file.
        }
        finally {
            try {
                this.channel.close();
            }
            catch (IOException ex) {
                // Closing the descriptor releases the lock even when close reports an error.
            }
            HELD_HERE.remove(this.file);
        }
    }

    /**
     * Whether one of this process's descriptors names {@code file} as it is (a deleted file shows as
     * {@code <path> (deleted)}). Reads links only: opening the file again and closing it would
     * drop the lock.
     */
    private static boolean namesThePath(Path file) throws IOException {
        String target = file.toString();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(OWN_DESCRIPTORS)) {
            for (Path descriptor : descriptors) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().equals(target)) {
                        return true;
                    }
                }
                catch (NoSuchFileException ex) {
                    // closed meanwhile (the directory stream's own descriptor, say)
                }
            }
        }
        return false;
    }
}
