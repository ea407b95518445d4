package dev.springipc.core.sysv;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.support.IpcErrors;

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

    static long msgmax() {
        return read(MSGMAX, DEFAULT_MSGMAX);
    }

    static long msgmnb() {
        return read(MSGMNB, DEFAULT_MSGMNB);
    }

    /** Refuses a message size above msgmax before any call. */
    static void checkMaxMessageSize(String resource, int maxMessageSize) {
        long msgmax = msgmax();
        if (maxMessageSize > msgmax) {
            throw new IpcLimitExceededException(resource, null, 0, resource + ": max-message-size " + maxMessageSize
                    + " exceeds " + MSGMAX + "=" + msgmax + ": lower it or raise the sysctl (sysctl -w kernel.msgmax="
                    + maxMessageSize + ")");
        }
    }

    /** Refuses a queue byte limit above msgmnb before any call. */
    static void checkMaxBytes(String resource, long maxBytes) {
        long msgmnb = msgmnb();
        if (maxBytes > msgmnb) {
            throw new IpcLimitExceededException(resource, null, 0, resource + ": max-bytes " + maxBytes + " exceeds "
                    + MSGMNB + "=" + msgmnb + ": lower it or raise the sysctl (sysctl -w kernel.msgmnb=" + maxBytes + ")");
        }
    }

    /** The error for a payload the kernel refuses with EINVAL although it passed the checks at open. */
    static IpcLimitExceededException sendRefused(String resource, String call, int errno, int length,
            long queueBytes) {
        return new IpcLimitExceededException(resource, call, errno, IpcErrors.message(resource, call, errno,
                "a payload of " + length + " bytes exceeds " + MSGMAX + "=" + msgmax() + " or the queue's msg_qbytes="
                        + queueBytes + " (default and unprivileged maximum " + MSGMNB + "=" + msgmnb()
                        + "); send less, or raise the sysctl"));
    }

    /** The error for a payload larger than the queue can ever hold: it would wait forever. */
    static IpcLimitExceededException neverFits(String resource, int length, long queueBytes) {
        return new IpcLimitExceededException(resource, "msgsnd", 0, resource + ": a payload of " + length
                + " bytes can never fit: the queue's msg_qbytes is " + queueBytes + " (default and unprivileged maximum "
                + MSGMNB + "=" + msgmnb() + "); send less, or raise msg_qbytes (setMaxBytes) and the sysctl");
    }

    /**
     * Reads one number from a /proc/sys file. Line by line on purpose: on some kernels
     * {@code Files.readAllBytes} sees only the first byte of these files.
     */
    private static long read(String file, long fallback) {
        try (BufferedReader reader = new BufferedReader(new FileReader(file, StandardCharsets.US_ASCII))) {
            String line = reader.readLine();
            return (line != null) ? Long.parseLong(line.strip()) : fallback;
        }
        catch (IOException | NumberFormatException ex) {
            return fallback;
        }
    }
}
