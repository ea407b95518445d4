package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The object does not exist (ENOENT), e.g. opened with {@link CreateMode#OPEN_ONLY} before anyone created it.
 */
public class IpcNotFoundException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcNotFoundException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
