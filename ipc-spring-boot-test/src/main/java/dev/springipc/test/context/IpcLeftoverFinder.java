package dev.springipc.test.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds what is left of a namespace on the host: the declared objects, wherever they live, and
 * anything else named after the namespace, which the starter's default names
 * ({@code /<namespace>.<key>}, FIFOs {@code <namespace>.<key>.fifo}) and objects a test makes by
 * hand under the namespace have in common:
 * <ul>
 * <li>{@code /dev/shm/<namespace>.*} and {@code /dev/shm/sem.<namespace>.*};</li>
 * <li>{@code /dev/mqueue/<namespace>.*}, when {@code /dev/mqueue} is mounted;</li>
 * <li>{@code <fifo directory>/<namespace>.*};</li>
 * <li>the starter's owner records of objects of the namespace, under
 * {@code <java.io.tmpdir>/springipc-owners-<user>}.</li>
 * </ul>
 * System V objects have keys, not names, so only the declared ones are looked for.
 */
final class IpcLeftoverFinder {

    private final String namespace;

    private final Path fifoDirectory;

    private final Path ownerRecords;

    IpcLeftoverFinder(String namespace, Path fifoDirectory) {
        this(namespace, fifoDirectory, ownerRecordsOfCurrentUser());
    }

    IpcLeftoverFinder(String namespace, Path fifoDirectory, Path ownerRecords) {
        this.namespace = namespace;
        this.fifoDirectory = fifoDirectory;
        this.ownerRecords = ownerRecords;
    }

    /**
     * Where the starter keeps its owner records (its {@code OwnerRecords.forCurrentUser()}); a test
     * of this module checks that the two agree.
     */
    static Path ownerRecordsOfCurrentUser() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "springipc-owners-" + user);
    }

    /** Every leftover, the declared objects first, each once. */
    List<IpcLeftover> find(List<IpcObjectProbe> declared) {
        Map<String, IpcLeftover> found = new LinkedHashMap<>();
        for (IpcObjectProbe probe : declared) {
            IpcLeftover leftover = probe.check();
            if (leftover != null) {
                found.putIfAbsent(probe.id(), leftover);
            }
        }
        String prefix = this.namespace + ".";
        for (Path entry : list(IpcObjectProbe.DEV_SHM)) {
            String file = entry.getFileName().toString();
            if (file.startsWith("sem." + prefix)) {
                add(found, IpcObjectProbe.file("POSIX semaphore /" + file.substring(4) + " at", entry));
            }
            else if (file.startsWith(prefix)) {
                add(found, IpcObjectProbe.file("POSIX shared memory /" + file + " at", entry));
            }
        }
        for (Path entry : list(IpcObjectProbe.DEV_MQUEUE)) {
            if (entry.getFileName().toString().startsWith(prefix)) {
                add(found, IpcObjectProbe.file("POSIX message queue /" + entry.getFileName() + " at", entry));
            }
        }
        for (Path entry : list(this.fifoDirectory)) {
            if (entry.getFileName().toString().startsWith(prefix)) {
                add(found, IpcObjectProbe.file("file in the FIFO directory", entry.toAbsolutePath().normalize()));
            }
        }
        for (Path entry : list(this.ownerRecords)) {
            // Directory names are URL-encoded object ids, "<kind>:<absolute name>".
            String objectId = URLDecoder.decode(entry.getFileName().toString(), StandardCharsets.UTF_8);
            if (objectId.contains("/" + prefix)) {
                add(found, IpcObjectProbe.file("owner record of " + objectId + ",", entry));
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void add(Map<String, IpcLeftover> found, IpcObjectProbe probe) {
        IpcLeftover leftover = probe.check();
        if (leftover != null) {
            found.putIfAbsent(probe.id(), leftover);
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
            throw new UncheckedIOException("Could not list " + directory, ex);
        }
    }
}
