package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * A name or path was refused before any system call: bad characters, too long, traversal, or an object of the wrong type at a FIFO path.
 */
public class IpcInvalidNameException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcInvalidNameException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
