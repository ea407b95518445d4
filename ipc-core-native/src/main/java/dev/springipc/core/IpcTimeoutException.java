package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * A timed operation gave up, e.g. a FIFO writer found no reader within its open timeout.
 */
public class IpcTimeoutException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcTimeoutException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
