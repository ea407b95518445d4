package dev.springipc.cloud.stream.binder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.springipc.autoconfigure.QueueType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.provisioning.ProvisioningException;

/**
 * The consumer groups of each destination, as files a producer lists to find the queues it
 * publishes to: {@code <root>/<namespace>/<destination>/<group>}, holding the queue type,
 * whether the group is partitioned and, for an anonymous consumer, the process that owns it.
 * <p>
 * Why files: the groups of a destination must be known to producers that start before,
 * after or without any consumer, in other processes, and survive them all (a group is a durable
 * subscription). A directory's modification time tells a producer cheaply (one stat per send)
 * whether to list it again. Entries are written to a temporary file and renamed, so a reader
 * never sees half an entry.
 */
final class GroupRegistry {

    private static final Log logger = LogFactory.getLog(GroupRegistry.class);

    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path namespaceDirectory;

    GroupRegistry(Path root, String namespace) {
        this.namespaceDirectory = root.resolve(namespace);
    }

    Path directory(String destination) {
        return this.namespaceDirectory.resolve(destination);
    }

    /**
     * Registers {@code entry} on {@code destination}; an existing entry of the group stays if it
     * says the same, and a different one fails (a group is either partitioned or not).
     */
    void register(String destination, Entry entry) {
        Path file = directory(destination).resolve(entry.group());
        Entry existing = read(file);
        if (existing != null) {
            if (existing.partitioned() != entry.partitioned()) {
                throw new ProvisioningException("Group '" + entry.group() + "' of destination '" + destination
                        + "' is registered as " + (existing.partitioned() ? "partitioned" : "not partitioned")
                        + " (" + file + "); all its consumers and the producers that require it must agree");
            }
            return;
        }
        for (int attempt = 0;; attempt++) {
            try {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(entry.group() + "." + ProcessHandle.current().pid()
                        + TEMPORARY_SUFFIX);
                Files.writeString(temporary, entry.format());
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            catch (NoSuchFileException ex) {
                // The last entry's remover deleted the directory between our two steps: once more.
                if (attempt >= 3) {
                    throw new ProvisioningException("Could not register group '" + entry.group() + "' in " + file, ex);
                }
            }
            catch (IOException ex) {
                throw new ProvisioningException("Could not register group '" + entry.group() + "' in " + file
                        + ": check that the registry directory is writable", ex);
            }
        }
    }

    /** Removes the entry of {@code group}, and the destination's directory if it was the last. */
    void unregister(String destination, String group) {
        Path directory = directory(destination);
        try {
            Files.deleteIfExists(directory.resolve(group));
            Files.deleteIfExists(directory);
        }
        catch (DirectoryNotEmptyException ex) {
            // Other groups remain.
        }
        catch (IOException ex) {
            logger.warn("Could not remove the registry entry of group '" + group + "' in " + directory, ex);
        }
    }

    /** The destinations with registered groups now. */
    List<String> destinations() {
        List<String> destinations = new ArrayList<>();
        if (!Files.isDirectory(this.namespaceDirectory)) {
            return destinations;
        }
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(this.namespaceDirectory, Files::isDirectory)) {
            directories.forEach((directory) -> destinations.add(directory.getFileName().toString()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not list the destinations in " + this.namespaceDirectory, ex);
        }
        return destinations;
    }

    /** Removes the namespace's directory if no destination is left in it. */
    void removeIfEmpty() {
        try {
            Files.deleteIfExists(this.namespaceDirectory);
        }
        catch (IOException ex) {
            // Other destinations remain (or it cannot be removed): it costs nothing to keep.
        }
    }

    /** The groups registered on {@code destination} now. */
    List<Entry> groups(String destination) {
        List<Entry> entries = new ArrayList<>();
        Path directory = directory(destination);
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (!file.getFileName().toString().endsWith(TEMPORARY_SUFFIX)) {
                    Entry entry = read(file);
                    if (entry != null) {
                        entries.add(entry);
                    }
                }
            }
        }
        catch (NoSuchFileException ex) {
            // Removed with its last entry while we listed.
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not list the consumer groups in " + directory, ex);
        }
        return entries;
    }

    /**
     * A figure that changes whenever an entry of {@code destination} is added or removed: the
     * directory's modification time in nanoseconds, or -1 while there is none.
     */
    long version(String destination) {
        try {
            return Files.getLastModifiedTime(directory(destination)).to(TimeUnit.NANOSECONDS);
        }
        catch (IOException ex) {
            return -1;
        }
    }

    private static @Nullable Entry read(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(Files.readString(file)));
        }
        catch (NoSuchFileException ex) {
            return null;
        }
        catch (IOException | IllegalArgumentException ex) {
            logger.warn("Ignoring the unreadable group registry entry " + file, ex);
            return null;
        }
        return Entry.parse(file.getFileName().toString(), properties);
    }

    /**
     * One consumer group.
     *
     * @param group the group name, which is also the file name
     * @param type the implementation of its queues
     * @param partitioned whether it has a queue per partition instead of one
     * @param partitions how many partitions its consumers or required-group producers said there
     * are (instance-count, partition-count), so the queues can be found for removal; 0 if not partitioned
     * @param pid the owning process of an anonymous consumer; 0 for a group (no owner)
     * @param startMillis that process's start time, to tell a reused pid
     */
    record Entry(String group, QueueType type, boolean partitioned, int partitions, long pid, long startMillis) {

        static Entry durable(String group, QueueType type, int partitions) {
            return new Entry(group, type, partitions > 0, partitions, 0, 0);
        }

        static Entry anonymous(String group, QueueType type) {
            ProcessHandle self = ProcessHandle.current();
            return new Entry(group, type, false, 0, self.pid(), startMillis(self));
        }

        boolean anonymous() {
            return this.pid != 0;
        }

        /** Whether the entry's owner still runs; a group has no owner and always does. */
        boolean ownerAlive() {
            if (this.pid == 0) {
                return true;
            }
            return ProcessHandle.of(this.pid)
                .filter(ProcessHandle::isAlive)
                .map((process) -> this.startMillis == 0 || startMillis(process) == 0
                        || Math.abs(startMillis(process) - this.startMillis) <= 1000)
                .orElse(false);
        }

        String format() {
            return "type=" + this.type.name().toLowerCase(java.util.Locale.ROOT) + "\npartitioned=" + this.partitioned
                    + "\npartitions=" + this.partitions + "\npid=" + this.pid + "\nstart=" + this.startMillis + "\n";
        }

        static @Nullable Entry parse(String group, Properties properties) {
            try {
                return new Entry(group,
                        QueueType.valueOf(properties.getProperty("type", "shm").toUpperCase(java.util.Locale.ROOT)),
                        Boolean.parseBoolean(properties.getProperty("partitioned")),
                        Integer.parseInt(properties.getProperty("partitions", "0")),
                        Long.parseLong(properties.getProperty("pid", "0")),
                        Long.parseLong(properties.getProperty("start", "0")));
            }
            catch (IllegalArgumentException ex) {
                logger.warn("Ignoring the group registry entry '" + group + "': " + ex.getMessage());
                return null;
            }
        }

        private static long startMillis(ProcessHandle process) {
            return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }
    }
}
