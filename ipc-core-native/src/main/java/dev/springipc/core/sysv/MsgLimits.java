package dev.springipc.core.sysv;

import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.SysctlValues;

/**
 * The System V message queue sysctls, read when a limit is checked or explained:
 * {@code kernel.msgmax} (largest message) and {@code kernel.msgmnb} (default and unprivileged
 * maximum of a queue's {@code msg_qbytes}).
 */
final class MsgLimits {

    static final String MSGMAX = "/proc/sys/kernel/msgmax";

    static final String MSGMNB = "/proc/sys/kernel/msgmnb";

    /** The Linux defaults, used when /proc cannot be read. */
    private static final long DEFAULT_MSGMAX = 8192;

    private static final long DEFAULT_MSGMNB = 16384;

    private MsgLimits() {
    }

    static final String MSGMNI = "/proc/sys/kernel/msgmni";

    /** Explains ENOSPC from msgget: the number of queues in the IPC namespace. */
    static String explainNoSpace() {
        return "the number of System V message queues reached " + MSGMNI + "=" + read(MSGMNI, -1)
                + "; remove unused queues (ipcs -q, ipcrm -q <id>) or raise the sysctl (sysctl -w kernel.msgmni=<n>, "
                + "as root)";
    }

    static long msgmax() {
        return read(MSGMAX, DEFAULT_MSGMAX);
    }

    static long msgmnb() {
        return read(MSGMNB, DEFAULT_MSGMNB);
    }

    /**
     * Refuses a message size above msgmax before any call: msgget would accept the queue, and
     * each msgsnd of such a message would fail with EINVAL.
     */
    static void checkMaxMessageSize(String resource, int maxMessageSize) {
        long msgmax = msgmax();
        if (maxMessageSize > msgmax) {
            throw new IpcLimitExceededException(IpcLimit.SYSV_MSGMAX, resource, null, 0, resource + ": max-message-size "
                    + maxMessageSize + " exceeds " + MSGMAX + "=" + msgmax + " (msgsnd refuses larger messages with "
                    + "EINVAL): lower it or raise the sysctl (sysctl -w kernel.msgmax=" + maxMessageSize + ", as root)");
        }
    }

    /**
     * The error for a payload above the msgmax this handle read at open, refused before msgsnd
     * (which would fail with EINVAL).
     */
    static IpcLimitExceededException aboveMsgmax(String resource, int length, int msgmaxAtOpen) {
        return new IpcLimitExceededException(IpcLimit.SYSV_MSGMAX, resource, "msgsnd", 0, resource + ": a payload of "
                + length + " bytes exceeds the largest System V message, " + MSGMAX + "=" + msgmaxAtOpen
                + " when this queue was opened (" + msgmax() + " now), so msgsnd would fail with EINVAL: send less, or "
                + "raise the sysctl (sysctl -w kernel.msgmax=" + length + ", as root) and open the queue again");
    }

    /** Refuses a queue byte limit above msgmnb before any call. */
    static void checkMaxBytes(String resource, long maxBytes) {
        long msgmnb = msgmnb();
        if (maxBytes > msgmnb) {
            throw new IpcLimitExceededException(IpcLimit.SYSV_MSGMNB, resource, null, 0, resource + ": max-bytes " + maxBytes + " exceeds "
                    + MSGMNB + "=" + msgmnb + ": lower it or raise the sysctl (sysctl -w kernel.msgmnb=" + maxBytes + ")");
        }
    }

    /**
     * The error for a payload the kernel refuses with EINVAL although it passed the checks at
     * open: kernel.msgmax was lowered since (msgsnd's only EINVAL for a queue that still exists
     * and a valid type; a payload above msg_qbytes waits instead).
     */
    static IpcLimitExceededException sendRefused(String resource, String call, int errno, int length,
            long queueBytes) {
        long msgmax = msgmax();
        String fix = (length > msgmax)
                ? "a payload of " + length + " bytes exceeds " + MSGMAX + "=" + msgmax + " (lowered since the queue was "
                        + "opened); send less, or raise the sysctl (sysctl -w kernel.msgmax=" + length + ", as root)"
                : "a payload of " + length + " bytes exceeds " + MSGMAX + "=" + msgmax + " or the queue's msg_qbytes="
                        + queueBytes + " (default and unprivileged maximum " + MSGMNB + "=" + msgmnb()
                        + "); send less, or raise the sysctl";
        return new IpcLimitExceededException(IpcLimit.SYSV_MSGMAX, resource, call, errno,
                IpcErrors.message(resource, call, errno, fix));
    }

    /** The error for a payload larger than the queue can ever hold: it would wait forever. */
    static IpcLimitExceededException neverFits(String resource, int length, long queueBytes) {
        return new IpcLimitExceededException(IpcLimit.SYSV_MSGMNB, resource, "msgsnd", 0, resource + ": a payload of " + length
                + " bytes can never fit: the queue's msg_qbytes is " + queueBytes + " (default and unprivileged maximum "
                + MSGMNB + "=" + msgmnb() + "); send less, or raise msg_qbytes (setMaxBytes) and the sysctl");
    }

    private static long read(String file, long fallback) {
        return SysctlValues.read(file, fallback);
    }
}
