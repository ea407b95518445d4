package dev.springipc.core.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcSysvMessageQueue;

/**
 * A JVM started under {@code KernelLimits} that meets each limit once and prints one line per
 * case: {@code <case> LIMIT <IpcLimit> <message>} for an {@link IpcLimitExceededException},
 * {@code <case> FULL} for a send refused without waiting, {@code <case> TOO-LARGE <message>}, {@code <case> OPENED} or
 * {@code <case> OTHER <exception>} otherwise; then {@code SHM-LEFT <files in /dev/shm>} and
 * {@code DONE}. Removes what it created (the namespaces go with the process anyway).
 */
public final class KernelLimitPeer {

    private static final byte[] SMALL = new byte[16];

    private KernelLimitPeer() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        List<IpcResource> opened = new ArrayList<>();
        try {
            attempt("shm-segment", () -> IpcSharedSegment.builder(prefix + ".big").size(2 << 20).open(), opened);
            attempt("shm-ring", () -> IpcMessageQueue.shm(prefix + ".ring").maxMessages(1024).maxMessageSize(4096)
                .open(), opened);
            // RLIMIT_MSGQUEUE first: every queue also counts against queues_max.
            attempt("mq-rlimit-first", () -> IpcMessageQueue.posix(prefix + ".q0").maxMessages(10)
                .maxMessageSize(8192).open(), opened);
            attempt("mq-rlimit", () -> IpcMessageQueue.posix(prefix + ".q1").maxMessages(10).maxMessageSize(8192)
                .open(), opened);
            removeAll(opened);
            attempt("mq-msg-max", () -> IpcMessageQueue.posix(prefix + ".q2").maxMessages(11).maxMessageSize(16)
                .open(), opened);
            for (int i = 0; i < 3; i++) {
                int index = i;
                attempt("mq-queues-max-" + i, () -> IpcMessageQueue.posix(prefix + ".t" + index).maxMessages(1)
                    .maxMessageSize(16).open(), opened);
            }
            attempt("mq-queues-max", () -> IpcMessageQueue.posix(prefix + ".t3").maxMessages(1).maxMessageSize(16)
                .open(), opened);
            removeAll(opened);
            IpcMessageQueue full = IpcMessageQueue.posix(prefix + ".full").maxMessages(2).maxMessageSize(16).open();
            opened.add(full);
            full.send(SMALL);
            full.send(SMALL);
            System.out.println("mq-queue-full " + (full.trySend(SMALL, 0, Duration.ZERO) ? "SENT" : "FULL"));
            removeAll(opened);
            attempt("sysv-msgmni-0", () -> IpcMessageQueue.sysv(0x5101).open(), opened);
            attempt("sysv-msgmni-1", () -> IpcMessageQueue.sysv(0x5102).open(), opened);
            attempt("sysv-msgmni", () -> IpcMessageQueue.sysv(0x5103).open(), opened);
            removeAll(opened);
            attempt("sysv-msgmnb", () -> IpcMessageQueue.sysv(0x5201).maxBytes(2048).open(), opened);
            IpcSysvMessageQueue sysv = IpcMessageQueue.sysv(0x5202).maxMessageSize(4096).open();
            opened.add(sysv);
            sysv.send(new byte[512]);
            sysv.send(new byte[512]);
            System.out.println("sysv-queue-full "
                    + (sysv.trySend(new byte[512], 1L, Duration.ZERO) ? "SENT" : "FULL"));
            try {
                // Larger than the queue's 1024 bytes: waiting would never end.
                sysv.trySend(new byte[2000], 1L, Duration.ofMillis(200));
                System.out.println("sysv-never-fits SENT");
            }
            catch (IpcMessageTooLargeException ex) {
                // The queue caps its max-message-size at msg_qbytes (msgmnb): refused at once.
                System.out.println("sysv-never-fits TOO-LARGE " + ex.getMessage());
            }
            catch (RuntimeException ex) {
                System.out.println("sysv-never-fits OTHER " + ex);
            }
        }
        finally {
            removeAll(opened);
        }
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("/dev/shm"))) {
            System.out.println("SHM-LEFT " + files.count());
        }
        System.out.println("DONE");
    }

    @FunctionalInterface
    interface Open {

        IpcResource open() throws Exception;
    }

    static void attempt(String name, Open open, List<IpcResource> opened) {
        try {
            opened.add(open.open());
            System.out.println(name + " OPENED");
        }
        catch (Exception ex) {
            System.out.println(name + " " + outcome(ex));
        }
    }

    /** {@code LIMIT <IpcLimit> <message>}, {@code TOO-LARGE <message>} or {@code OTHER <exception>}. */
    static String outcome(Exception ex) {
        if (ex instanceof IpcLimitExceededException limit) {
            return "LIMIT " + limit.limit() + " " + limit.getMessage();
        }
        if (ex instanceof IpcMessageTooLargeException) {
            return "TOO-LARGE " + ex.getMessage();
        }
        return "OTHER " + ex;
    }

    static void removeAll(List<IpcResource> opened) {
        for (IpcResource resource : opened) {
            resource.unlink();
            resource.close();
        }
        opened.clear();
    }
}
