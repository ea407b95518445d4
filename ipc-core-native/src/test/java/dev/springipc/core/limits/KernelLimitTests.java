package dev.springipc.core.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.IpcLimit;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.KernelLimits;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kernel limits met at runtime, in a child JVM with a 1 MiB {@code /dev/shm}, 3 POSIX queues,
 * 2 System V queues of 1024 bytes and an RLIMIT_MSGQUEUE of 100 000 bytes (its own namespaces,
 * so the host's limits and objects are untouched): each ends in an
 * {@link dev.springipc.core.IpcLimitExceededException} naming the limit and the sysctl or
 * rlimit to raise, or, for a full queue, in a send that waits (back-pressure). Prints
 * {@code LIMIT-...} lines.
 */
class KernelLimitTests {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(60);

    private static final KernelLimits SMALL = new KernelLimits(1 << 20, 3, 2, 1024, 100_000);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void everyLimitEndsInAnErrorNamingItOrInBackPressure() {
        String prefix = this.cleanup.posixName("limit");
        Map<String, String> results = new LinkedHashMap<>();
        try (PeerProcess peer = SMALL.start(KernelLimitPeer.class, prefix)) {
            for (String line = peer.nextLine(PEER_TIMEOUT); !line.equals("DONE"); line = peer.nextLine(PEER_TIMEOUT)) {
                System.out.println("LIMIT-" + line);
                int space = line.indexOf(' ');
                results.put(line.substring(0, space), line.substring(space + 1));
            }
            assertThat(peer.waitFor(PEER_TIMEOUT)).isZero();
        }
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

    private static void assertLimit(Map<String, String> results, String name, IpcLimit limit, String resource,
            String hint) {
        assertThat(results.get(name)).as(name)
            .startsWith("LIMIT " + limit + " ")
            .contains(resource)
            .contains(hint);
    }
}
