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
 * @param msgsizeMax {@code fs.mqueue.msgsize_max} (at least 128)
 * @param msgmax {@code kernel.msgmax}
 * @param openFiles {@code RLIMIT_NOFILE}, soft and hard ({@code prlimit --nofile})
 */
public record KernelLimits(long shmBytes, int queuesMax, int msgmni, int msgmnb, long msgqueueBytes, int msgsizeMax,
        int msgmax, int openFiles) {

    /** The kernel's defaults for the limits not lowered: msgsize_max and msgmax 8192, 1024 descriptors. */
    public KernelLimits(long shmBytes, int queuesMax, int msgmni, int msgmnb, long msgqueueBytes) {
        this(shmBytes, queuesMax, msgmni, msgmnb, msgqueueBytes, 8192, 8192, 1024);
    }

    /**
     * Skips the test unless this machine lets the test's user make the namespaces, mount a tmpfs
     * there and set its IPC sysctls; with {@code -Dipc.test.requireNamespaces=true} (set by
     * {@code .ci/run} through IPC_TEST_REQUIRE_NAMESPACES) it fails instead, so CI never
     * passes by skipping.
     */
    public static void requireNamespaces() {
        boolean allowed = NativePeers.commandWorks("unshare", "--user", "--map-root-user", "--ipc", "--mount", "sh",
                "-c", "mount -t tmpfs -o size=65536 tmpfs /dev/shm && echo 8 > /proc/sys/fs/mqueue/queues_max "
                        + "&& exec prlimit --nofile=64 -- true");
        NativePeers.require(allowed, "unshare --user --map-root-user --ipc --mount (util-linux) cannot make private "
                + "namespaces here: unprivileged user namespaces are off (user.max_user_namespaces=0, "
                + "kernel.unprivileged_userns_clone=0, kernel.apparmor_restrict_unprivileged_userns=1) or a container's "
                + "seccomp profile forbids unshare and mount", "ipc.test.requireNamespaces",
                "Private namespaces required but not allowed: ", " (.ci/run allows them; "
                        + "IPC_TEST_REQUIRE_NAMESPACES=true turns this skip into a failure)");
    }

    /** Starts {@code mainClass} with {@code args} in a JVM under these limits. */
    public PeerProcess start(Class<?> mainClass, String... args) {
        String setup = "set -e; mount -t tmpfs -o size=" + this.shmBytes + " tmpfs /dev/shm; "
                + "echo " + this.queuesMax + " > /proc/sys/fs/mqueue/queues_max; "
                + "echo " + this.msgmni + " > /proc/sys/kernel/msgmni; "
                + "echo " + this.msgmnb + " > /proc/sys/kernel/msgmnb; "
                + "echo " + this.msgsizeMax + " > /proc/sys/fs/mqueue/msgsize_max; "
                + "echo " + this.msgmax + " > /proc/sys/kernel/msgmax; "
                + "exec prlimit --msgqueue=" + this.msgqueueBytes + " --nofile=" + this.openFiles + " -- \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--ipc", "--mount",
                "sh", "-c", setup, "sh"));
        // JDK 17's compiler threads read the cgroup's memory files (a descriptor for a moment) each
        // time they consider starting another compiler thread: a peer that fills its descriptor
        // table would find one free again, or none where it freed one. A fixed thread count reads none.
        command.addAll(ChildJvm.command(List.of("-XX:-UseDynamicNumberOfCompilerThreads"), List.of(), mainClass,
                args));
        return PeerProcess.start(command);
    }
}
