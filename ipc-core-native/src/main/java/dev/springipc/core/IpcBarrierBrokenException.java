package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * An {@link IpcBarrier} was broken: a party died while waiting, a party timed out or was
 * interrupted, or the barrier was reset while parties waited. Every waiter of that generation
 * gets this instead of waiting forever; the barrier stays broken until {@link IpcBarrier#reset()}.
 */
public class IpcBarrierBrokenException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcBarrierBrokenException(String resource, @Nullable String call, int errno, String message) {
        super(resource, call, errno, message);
    }
}
