package dev.springipc.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A kernel or user limit was reached: an mq sysctl, RLIMIT_MSGQUEUE, open files, /dev/shm space,
 * a System V sysctl. {@link #limit()} says which, the message where it is set and how to raise it.
 */
public class IpcLimitExceededException extends IpcException {

    private static final long serialVersionUID = 1L;

    private final IpcLimit limit;

    public IpcLimitExceededException(IpcLimit limit, String resource, @Nullable String call, int errno,
            String message) {
        super(resource, call, errno, message);
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** The limit that was reached. */
    public IpcLimit limit() {
        return this.limit;
    }
}
