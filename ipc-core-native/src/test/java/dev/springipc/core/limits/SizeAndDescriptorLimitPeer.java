package dev.springipc.core.limits;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.support.SysctlValues;

/**
 * A JVM started under {@code KernelLimits} with a low {@code fs.mqueue.msgsize_max},
 * {@code kernel.msgmax} and {@code RLIMIT_NOFILE} that meets each of them and prints one line
 * per case, as {@link KernelLimitPeer} does ({@code <case> LIMIT <IpcLimit> <message>},
 * {@code <case> OPENED}, {@code <case> SENT}, ...). For the descriptor limit it holds every
 * free descriptor (then all but one) and opens each kind of object; then it
 * prints what is left over: {@code SHM-LEFT <files in /dev/shm>}, {@code MQ-LEFT <queues of
 * ours still there>}, {@code SYSV-LEFT <System V queues in the namespace>} and
 * {@code FD-LEAK <descriptors open now minus before>}, and {@code DONE}.
 */
public final class SizeAndDescriptorLimitPeer {

    private static final Path MSGMAX = Path.of("/proc/sys/kernel/msgmax");

    /** The kinds of object opened at the descriptor limit, in this order. */
    private static final List<String> KINDS = List.of("segment", "mq", "ring", "semaphore", "fifo");

    private SizeAndDescriptorLimitPeer() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        List<IpcResource> opened = new ArrayList<>();
        try {
            sizes(prefix, opened);
            descriptors(prefix, opened);
        }
        finally {
            KernelLimitPeer.removeAll(opened);
        }
        try (var files = Files.list(Path.of("/dev/shm"))) {
            System.out.println("SHM-LEFT " + files.count());
        }
        System.out.println("MQ-LEFT " + queuesLeft(prefix));
        // /proc/sysvipc/msg lists the queues of this IPC namespace, after one header line.
        System.out.println("SYSV-LEFT " + (Files.readAllLines(Path.of("/proc/sysvipc/msg")).size() - 1));
        System.out.println("DONE");
    }

    /** fs.mqueue.msgsize_max and kernel.msgmax, at create and at send. */
    private static void sizes(String prefix, List<IpcResource> opened) throws Exception {
        KernelLimitPeer.attempt("mq-msgsize-max", () -> IpcMessageQueue.posix(prefix + ".wide").maxMessages(1)
            .maxMessageSize(2048).open(), opened);
        KernelLimitPeer.attempt("sysv-msgmax-create", () -> IpcMessageQueue.sysv(0x5301).maxMessageSize(1024).open(),
                opened);
        // The default max-message-size is kernel.msgmax as read at open.
        IpcSysvMessageQueue fitted = IpcMessageQueue.sysv(0x5302).open();
        opened.add(fitted);
        send("sysv-msgmax-send", fitted, 600);
        // kernel.msgmax lowered after open: the handle allows 8192, the kernel's msgsnd refuses.
        long lowered = SysctlValues.read(MSGMAX.toString(), -1);
        Files.writeString(MSGMAX, "8192");
        IpcSysvMessageQueue early = IpcMessageQueue.sysv(0x5303).open();
        opened.add(early);
        Files.writeString(MSGMAX, Long.toString(lowered));
        send("sysv-msgmax-lowered", early, 600);
        System.out.println("sysv-msgmax-depth " + early.depth());
        KernelLimitPeer.removeAll(opened);
    }

    private static void send(String name, IpcSysvMessageQueue queue, int length) {
        try {
            queue.send(new byte[length]);
            System.out.println(name + " SENT");
        }
        catch (Exception ex) {
            System.out.println(name + " " + KernelLimitPeer.outcome(ex));
        }
    }

    /**
     * RLIMIT_NOFILE: with no descriptor free and with one, opens each kind once (and removes what
     * opened at once, so the next kind has as many free).
     */
    private static void descriptors(String prefix, List<IpcResource> opened) throws Exception {
        // Open and remove each kind once first, and load the error path: a class loaded from a
        // directory (target/classes) needs a descriptor, a class from a jar does not.
        for (String kind : KINDS) {
            IpcResource resource = open(kind, prefix + ".warm");
            resource.unlink();
            resource.close();
        }
        for (String errorPath : List.of("support.IpcErrors", "sys.ResourceLimits", "posix.MqLimits")) {
            Class.forName("dev.springipc.core." + errorPath);
        }
        long before = openDescriptors();
        List<FileChannel> fillers = new ArrayList<>();
        try {
            fill(fillers);
            System.out.println("fd-filled " + fillers.size());
            for (int free = 0; free <= 1; free++) {
                release(fillers, free);
                for (String kind : KINDS) {
                    String name = prefix + ".fd" + free + kind;
                    KernelLimitPeer.attempt("fd" + free + "-" + kind, () -> open(kind, name), opened);
                    KernelLimitPeer.removeAll(opened);
                }
                fill(fillers);
            }
        }
        finally {
            release(fillers, fillers.size());
        }
        System.out.println("FD-LEAK " + (openDescriptors() - before));
    }

    private static IpcResource open(String kind, String name) throws InterruptedException {
        return switch (kind) {
            case "segment" -> IpcSharedSegment.builder(name).size(4096).open();
            case "mq" -> IpcMessageQueue.posix(name).maxMessages(1).maxMessageSize(16).open();
            case "ring" -> IpcMessageQueue.shm(name).maxMessages(4).maxMessageSize(64).open();
            case "semaphore" -> IpcSemaphore.builder(name).permits(1).open();
            case "fifo" -> fifoReceiving(name);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** mkfifo needs no descriptor; the reading end, opened by the first receive, does. */
    private static IpcFifo fifoReceiving(String name) throws InterruptedException {
        IpcFifo fifo = IpcFifo.builder(fifoPath(name)).open();
        try {
            fifo.receive(Duration.ZERO);
            return fifo;
        }
        catch (RuntimeException ex) {
            fifo.unlink();
            fifo.close();
            throw ex;
        }
    }

    /** The FIFOs live on the small /dev/shm too, so SHM-LEFT counts one left behind. */
    private static String fifoPath(String name) {
        return "/dev/shm" + name + ".fifo";
    }

    /** Holds descriptors on /dev/null until the process has none left. */
    private static void fill(List<FileChannel> fillers) {
        while (true) {
            try {
                fillers.add(FileChannel.open(Path.of("/dev/null")));
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private static void release(List<FileChannel> fillers, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            fillers.remove(fillers.size() - 1).close();
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** How many POSIX queues this peer named are still there (open-only finds them). */
    private static int queuesLeft(String prefix) {
        List<String> names = new ArrayList<>(List.of(prefix + ".wide", prefix + ".warm"));
        for (int free = 0; free <= 1; free++) {
            names.add(prefix + ".fd" + free + "mq");
        }
        int left = 0;
        for (String name : names) {
            try (IpcMessageQueue queue = IpcMessageQueue.posix(name).create(CreateMode.OPEN_ONLY).open()) {
                left++;
                queue.unlink();
            }
            catch (IpcNotFoundException ex) {
                // Not there: as it should be.
            }
        }
        return left;
    }
}
