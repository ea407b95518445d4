package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The caller lacks the permission the object's mode and owner require (EACCES, EPERM).
 */
public class IpcPermissionDeniedException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcPermissionDeniedException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
