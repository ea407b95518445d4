package dev.springipc.test.context;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.SysvKey;
import org.jspecify.annotations.Nullable;

/**
 * How to tell whether one declared object still exists once its context has closed, and how to
 * remove it by hand. Knows where glibc and the kernel keep each kind: shared memory in
 * {@code /dev/shm/<name>}, named semaphores in {@code /dev/shm/sem.<name>}, POSIX queues in
 * {@code /dev/mqueue/<name>} (often not mounted: then the queue is opened by name, open-only),
 * System V objects in {@code /proc/sysvipc}, FIFOs at their path.
 *
 * @param id identity on the host, so the namespace scan does not list an object twice
 * @param object what it is, for the report
 * @param removal how to remove it
 * @param exists whether it still exists
 */
record IpcObjectProbe(String id, String object, String removal, BooleanSupplier exists) {

    static final Path DEV_SHM = Path.of("/dev/shm");

    static final Path DEV_MQUEUE = Path.of("/dev/mqueue");

    private static final Pattern SYSV_NAME = Pattern.compile("key 0x([0-9a-fA-F]+)");

    /**
     * The probe for a resource bean; for a child-process pipe, of which nothing outlives the
     * process, one that never finds anything.
     */
    static IpcObjectProbe of(IpcResource resource) {
        String name = resource.name();
        if (resource instanceof IpcPipe) {
            return new IpcObjectProbe("process-bound:" + name, "child-process pipe " + name, "nothing", () -> false);
        }
        if (resource instanceof IpcFifo fifo) {
            return file("FIFO", fifo.path().toAbsolutePath().normalize());
        }
        if (resource instanceof IpcSysvMessageQueue queue) {
            return sysv(SysvObjects.MESSAGE_QUEUES, queue.key());
        }
        Integer sysvKey = sysvKey(name);
        if (resource instanceof IpcSemaphore && sysvKey != null) {
            return sysv(SysvObjects.SEMAPHORES, sysvKey);
        }
        if (!name.startsWith("/")) {
            return new IpcObjectProbe("unnamed:" + name, name, "nothing", () -> false);
        }
        String bare = name.substring(1);
        if (resource instanceof IpcSemaphore) {
            return file("POSIX semaphore " + name + " at", DEV_SHM.resolve("sem." + bare));
        }
        if (resource instanceof IpcSharedSegment || resource instanceof IpcMutex || resource instanceof IpcBarrier
                || resource instanceof IpcSpinLock || resource instanceof IpcShmQueue) {
            return file(label(resource) + " " + name + " at", DEV_SHM.resolve(bare));
        }
        if (resource instanceof IpcMessageQueue) {
            return posixQueue(name);
        }
        return file(resource.getClass().getSimpleName() + " " + name + " at", DEV_SHM.resolve(bare));
    }

    /** A file, FIFO or directory entry; a symlink counts as itself. */
    static IpcObjectProbe file(String what, Path path) {
        String command = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rm -r " : "rm ";
        return new IpcObjectProbe(path.toString(), what + " " + path, command + path,
                () -> Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** A POSIX message queue, looked up in /dev/mqueue when it is mounted, else opened by name. */
    static IpcObjectProbe posixQueue(String name) {
        Path path = DEV_MQUEUE.resolve(name.substring(1));
        if (Files.isDirectory(DEV_MQUEUE)) {
            return file("POSIX message queue " + name + " at", path);
        }
        return new IpcObjectProbe(path.toString(), "POSIX message queue " + name,
                "mq_unlink(\"" + name + "\"), or mount -t mqueue none /dev/mqueue and rm " + path,
                () -> queueExists(name));
    }

    private static IpcObjectProbe sysv(SysvObjects table, int key) {
        String hex = SysvKey.format(key);
        return new IpcObjectProbe(table.name() + ":" + key, "System V " + table.label() + " key " + hex,
                "ipcrm " + table.ipcrmOption() + " " + hex, () -> table.containsKey(key));
    }

    private static boolean queueExists(String name) {
        try (IpcMessageQueue queue = IpcMessageQueue.posix(name).create(CreateMode.OPEN_ONLY).open()) {
            return queue.isOpen();
        }
        catch (IpcNotFoundException ex) {
            return false;
        }
        catch (IpcException ex) {
            // It exists, but this process may not open it (permissions): still a leftover.
            return true;
        }
    }

    private static @Nullable Integer sysvKey(String name) {
        Matcher matcher = SYSV_NAME.matcher(name);
        return matcher.matches() ? Integer.parseUnsignedInt(matcher.group(1), 16) : null;
    }

    private static String label(IpcResource resource) {
        if (resource instanceof IpcSharedSegment) {
            return "POSIX shared memory segment";
        }
        if (resource instanceof IpcMutex) {
            return "IPC mutex";
        }
        if (resource instanceof IpcBarrier) {
            return "IPC barrier";
        }
        if (resource instanceof IpcSpinLock) {
            return "IPC spin lock";
        }
        return "shared-memory ring queue";
    }

    /** The leftover, or {@code null} when the object is gone. */
    @Nullable IpcLeftover check() {
        return this.exists.getAsBoolean() ? new IpcLeftover(this.object, this.removal) : null;
    }
}
