package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The resource was used after {@code close()}.
 */
public class IpcClosedException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcClosedException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
