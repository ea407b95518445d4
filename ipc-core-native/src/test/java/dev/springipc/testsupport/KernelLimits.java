package dev.springipc.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child JVM under small kernel limits without touching the host's: a new user namespace
 * (mapped to root, so it may set the namespaced sysctls but has no capability over the host),
 * a new IPC namespace (its own POSIX and System V queues, gone when the child exits) and a new
 * mount namespace with a small tmpfs on {@code /dev/shm}. Needs {@code unshare} and
 * {@code prlimit} (util-linux) and unprivileged user namespaces, or root.
 *
 * @param shmBytes size of the tmpfs mounted on {@code /dev/shm}
 * @param queuesMax {@code fs.mqueue.queues_max}
 * @param msgmni {@code kernel.msgmni}
 * @param msgmnb {@code kernel.msgmnb}
 * @param msgqueueBytes {@code RLIMIT_MSGQUEUE} ({@code prlimit --msgqueue})
 */
public record KernelLimits(long shmBytes, int queuesMax, int msgmni, int msgmnb, long msgqueueBytes) {

    /** Starts {@code mainClass} with {@code args} in a JVM under these limits. */
    public PeerProcess start(Class<?> mainClass, String... args) {
        String setup = "set -e; mount -t tmpfs -o size=" + this.shmBytes + " tmpfs /dev/shm; "
                + "echo " + this.queuesMax + " > /proc/sys/fs/mqueue/queues_max; "
                + "echo " + this.msgmni + " > /proc/sys/kernel/msgmni; "
                + "echo " + this.msgmnb + " > /proc/sys/kernel/msgmnb; "
                + "exec prlimit --msgqueue=" + this.msgqueueBytes + " -- \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--ipc", "--mount",
                "sh", "-c", setup, "sh"));
        command.addAll(ChildJvm.command(List.of(), List.of(), mainClass, args));
        return PeerProcess.start(command);
    }
}
