package dev.springipc.core.posix;

import dev.springipc.core.IpcLimit;
import dev.springipc.core.support.SysctlValues;
import dev.springipc.core.sys.ResourceLimits;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's POSIX message queue limits, read when an mq_open failure needs explaining, so the
 * error can name the sysctl to raise instead of a bare EINVAL.
 */
final class MqLimits {

    static final String MSG_MAX = "/proc/sys/fs/mqueue/msg_max";

    static final String MSGSIZE_MAX = "/proc/sys/fs/mqueue/msgsize_max";

    static final String QUEUES_MAX = "/proc/sys/fs/mqueue/queues_max";

    private MqLimits() {
    }

    /** The limit in {@code file}, or -1 if it cannot be read. */
    static long read(String file) {
        return SysctlValues.read(file, -1);
    }

    /** The sysctl name for a /proc/sys path: {@code fs.mqueue.msg_max}. */
    static String sysctl(String file) {
        return SysctlValues.name(file);
    }

    /** Which limit an EINVAL from creating a queue with these sizes met, or null if none. */
    static @Nullable IpcLimit exceeded(int maxMessages, int maxMessageSize) {
        long msgMax = read(MSG_MAX);
        if (msgMax > 0 && maxMessages > msgMax) {
            return IpcLimit.MQ_MSG_MAX;
        }
        long sizeMax = read(MSGSIZE_MAX);
        return (sizeMax > 0 && maxMessageSize > sizeMax) ? IpcLimit.MQ_MSGSIZE_MAX : null;
    }

    /**
     * Explains an EINVAL from creating a queue with these sizes: names the limit exceeded, or
     * null if none is (then EINVAL had another cause).
     */
    static String explainInvalid(int maxMessages, int maxMessageSize) {
        long msgMax = read(MSG_MAX);
        if (msgMax > 0 && maxMessages > msgMax) {
            return "max-messages " + maxMessages + " exceeds " + MSG_MAX + "=" + msgMax + ": lower it or raise the sysctl ("
                    + "sysctl -w " + sysctl(MSG_MAX) + "=" + maxMessages + ", as root)";
        }
        long sizeMax = read(MSGSIZE_MAX);
        if (sizeMax > 0 && maxMessageSize > sizeMax) {
            return "max-message-size " + maxMessageSize + " exceeds " + MSGSIZE_MAX + "=" + sizeMax
                    + ": lower it or raise the sysctl (sysctl -w " + sysctl(MSGSIZE_MAX) + "=" + maxMessageSize
                    + ", as root)";
        }
        return null;
    }

    /**
     * Explains EMFILE from mq_open when a descriptor was free: the user's POSIX queue bytes,
     * RLIMIT_MSGQUEUE, are used up (its value from getrlimit).
     */
    static String explainTooMany(int maxMessages, int maxMessageSize) {
        long limit = ResourceLimits.soft(ResourceLimits.RLIMIT_MSGQUEUE);
        return "the queues of this user would exceed RLIMIT_MSGQUEUE (ulimit -q) of "
                + ((limit >= 0) ? limit + " bytes" : "(unknown)") + ": each queue counts about " + maxMessages
                + " x " + maxMessageSize + " bytes against it; remove unused queues (ls /dev/mqueue), make them "
                + "smaller, or raise the limit (ulimit -q, LimitMSGQUEUE= in a systemd unit; 819200 bytes by default)";
    }

    /** Explains ENOSPC from mq_open: the system-wide queue count. */
    static String explainNoSpace() {
        return "the system-wide number of queues reached " + QUEUES_MAX + "=" + read(QUEUES_MAX)
                + "; remove unused queues (ls /dev/mqueue) or raise the sysctl (sysctl -w " + sysctl(QUEUES_MAX)
                + "=<n>, as root)";
    }
}
