package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The operating system is not Linux.
 */
public class IpcUnsupportedPlatformException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcUnsupportedPlatformException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
