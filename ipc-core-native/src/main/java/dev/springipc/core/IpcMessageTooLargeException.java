package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * A message or frame is larger than the resource's maximum, on send or as announced by a peer.
 */
public class IpcMessageTooLargeException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcMessageTooLargeException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
