package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * The peer on the other end went away: a FIFO's reader closed (EPIPE).
 */
public class IpcPeerGoneException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcPeerGoneException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
