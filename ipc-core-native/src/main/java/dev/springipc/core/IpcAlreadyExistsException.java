package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The object exists already (EEXIST), e.g. opened with {@link CreateMode#CREATE_ONLY}.
 */
public class IpcAlreadyExistsException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcAlreadyExistsException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
