package dev.springipc.core.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springipc.core.IpcLimit;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.KernelLimits;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kernel limits met at runtime, in a child JVM with a 1 MiB {@code /dev/shm}, 3 POSIX queues,
 * 2 System V queues of 1024 bytes and an RLIMIT_MSGQUEUE of 100 000 bytes, and in one with
 * {@code fs.mqueue.msgsize_max=1024}, {@code kernel.msgmax=512} and 128 descriptors (their own
 * namespaces, so the host's limits and objects are untouched): each ends in an
 * {@link dev.springipc.core.IpcLimitExceededException} naming the limit and the sysctl or
 * rlimit to raise, or, for a full queue, in a send that waits (back-pressure). Prints
 * {@code LIMIT-...} lines. Skipped where user namespaces are not allowed (a failure in CI).
 */
class KernelLimitTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    private static final KernelLimits SMALL = new KernelLimits(1 << 20, 3, 2, 1024, 100_000);

    /** msgsize_max 1024, msgmax 512 and 128 descriptors; the other limits left wide. */
    private static final KernelLimits SIZES_AND_DESCRIPTORS = new KernelLimits(8 << 20, 64, 16, 16384, 819_200, 1024,
            512, 128);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @BeforeEach
    void requireNamespaces() {
        KernelLimits.requireNamespaces();
    }

    @Test
    void everyLimitEndsInAnErrorNamingItOrInBackPressure() {
        String prefix = this.cleanup.posixName("limit");
        Map<String, String> results = run(SMALL, KernelLimitPeer.class, prefix);
        assertLimit(results, "shm-segment", IpcLimit.SHM_SPACE, prefix + ".big", "/dev/shm has less than");
        assertLimit(results, "shm-ring", IpcLimit.SHM_SPACE, prefix + ".ring", "/dev/shm has less than");
        assertThat(results.get("mq-rlimit-first")).isEqualTo("OPENED");
        assertLimit(results, "mq-rlimit", IpcLimit.RLIMIT_MSGQUEUE, prefix + ".q1", "RLIMIT_MSGQUEUE");
        assertLimit(results, "mq-msg-max", IpcLimit.MQ_MSG_MAX, prefix + ".q2", "/proc/sys/fs/mqueue/msg_max=10");
        for (int i = 0; i < 3; i++) {
            assertThat(results.get("mq-queues-max-" + i)).isEqualTo("OPENED");
        }
        assertLimit(results, "mq-queues-max", IpcLimit.MQ_QUEUES_MAX, prefix + ".t3",
                "/proc/sys/fs/mqueue/queues_max=3");
        assertThat(results.get("mq-queue-full")).isEqualTo("FULL");
        assertThat(results.get("sysv-msgmni-0")).isEqualTo("OPENED");
        assertThat(results.get("sysv-msgmni-1")).isEqualTo("OPENED");
        assertLimit(results, "sysv-msgmni", IpcLimit.SYSV_MSGMNI, "System V", "/proc/sys/kernel/msgmni=2");
        assertLimit(results, "sysv-msgmnb", IpcLimit.SYSV_MSGMNB, "System V", "/proc/sys/kernel/msgmnb=1024");
        assertThat(results.get("sysv-queue-full")).isEqualTo("FULL");
        // Larger than the queue's msg_qbytes (msgmnb): refused at once, not a wait that never ends.
        assertThat(results.get("sysv-never-fits")).startsWith("TOO-LARGE ").contains("msg_qbytes")
            .contains("1024 bytes");
        // A failed create removes what it made: nothing is left on the small /dev/shm.
        assertThat(results.get("SHM-LEFT")).isEqualTo("0");
    }

    @Test
    void messageSizesAndDescriptorsEndInAnErrorNamingTheLimitAndLeaveNothingBehind() {
        String prefix = this.cleanup.posixName("sizes");
        Map<String, String> results = run(SIZES_AND_DESCRIPTORS, SizeAndDescriptorLimitPeer.class, prefix);
        assertLimit(results, "mq-msgsize-max", IpcLimit.MQ_MSGSIZE_MAX, prefix + ".wide",
                "mq_open failed with EINVAL", "max-message-size 2048 exceeds /proc/sys/fs/mqueue/msgsize_max=1024",
                "sysctl -w fs.mqueue.msgsize_max=2048");
        assertLimit(results, "sysv-msgmax-create", IpcLimit.SYSV_MSGMAX, "key 0x00005301",
                "max-message-size 1024 exceeds /proc/sys/kernel/msgmax=512", "msgsnd", "sysctl -w kernel.msgmax=1024");
        // The default max-message-size is msgmax: a larger payload is refused before msgsnd.
        assertLimit(results, "sysv-msgmax-send", IpcLimit.SYSV_MSGMAX, "key 0x00005302", "600 bytes",
                "/proc/sys/kernel/msgmax=512", "msgsnd", "sysctl -w kernel.msgmax=600");
        // msgmax lowered after open: the kernel's msgsnd refuses with EINVAL, and nothing was queued.
        assertLimit(results, "sysv-msgmax-lowered", IpcLimit.SYSV_MSGMAX, "key 0x00005303",
                "msgsnd failed with EINVAL", "/proc/sys/kernel/msgmax=512", "sysctl -w kernel.msgmax=600");
        assertThat(results.get("sysv-msgmax-depth")).isEqualTo("0");
        // No descriptor free: every kind fails with EMFILE naming RLIMIT_NOFILE and its value,
        // mq_open's EMFILE too (which also reports RLIMIT_MSGQUEUE); one free descriptor is enough.
        for (String kind : List.of("segment", "mq", "ring", "semaphore", "fifo")) {
            assertLimit(results, "fd0-" + kind, IpcLimit.OPEN_FILES, prefix + ".fd0" + kind,
                    "failed with EMFILE", "RLIMIT_NOFILE (ulimit -n) is 128", "raise the limit (ulimit -n");
            assertThat(results.get("fd1-" + kind)).as("fd1-" + kind).isEqualTo("OPENED");
        }
        // Nothing half-created, no descriptor leaked.
        assertThat(results.get("FD-LEAK")).isEqualTo("0");
        assertThat(results.get("SHM-LEFT")).isEqualTo("0");
        assertThat(results.get("MQ-LEFT")).isEqualTo("0");
        assertThat(results.get("SYSV-LEFT")).isEqualTo("0");
    }

    /** Runs {@code peer} under {@code limits}: its result lines by case, printed as {@code LIMIT-...}. */
    private static Map<String, String> run(KernelLimits limits, Class<?> peerClass, String prefix) {
        Map<String, String> results = new LinkedHashMap<>();
        try (PeerProcess peer = limits.start(peerClass, prefix)) {
            for (String line = peer.nextLine(PEER_TIMEOUT); !line.equals("DONE"); line = peer.nextLine(PEER_TIMEOUT)) {
                System.out.println("LIMIT-" + line);
                int space = line.indexOf(' ');
                results.put(line.substring(0, space), line.substring(space + 1));
            }
            assertThat(peer.waitFor(PEER_TIMEOUT)).isZero();
        }
        return results;
    }

    private static void assertLimit(Map<String, String> results, String name, IpcLimit limit, String resource,
            String... hints) {
        assertThat(results.get(name)).as(name)
            .startsWith("LIMIT " + limit + " ")
            .contains(resource)
            .contains(hints);
    }
}
