package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * A kernel or user limit was reached: an mq sysctl, RLIMIT_MSGQUEUE, open files, /dev/shm space.
 */
public class IpcLimitExceededException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcLimitExceededException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
