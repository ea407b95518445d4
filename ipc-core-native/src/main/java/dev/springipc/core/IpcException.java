package dev.springipc.core;

import org.jspecify.annotations.Nullable;

/**
 * A failed IPC operation. The message names the resource, the call, errno's name and the
 * likely fix, e.g. {@code POSIX message queue /demo.orders: mq_open failed with EINVAL
 * (Invalid argument): max-messages 100 exceeds /proc/sys/fs/mqueue/msg_max=10: lower it or
 * raise the sysctl}.
 */
public class IpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;

    private final @Nullable String call;

    private final int errno;

    public IpcException(String resource, @Nullable String call, int errno, String message) {
        this(resource, call, errno, message, null);
    }

    public IpcException(String resource, @Nullable String call, int errno, String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.resource = resource;
        this.call = call;
        this.errno = errno;
    }

    /** The resource as a reader knows it, e.g. {@code POSIX semaphore /demo.jobs}. */
    public String resource() {
        return this.resource;
    }

    /** The native call that failed, or {@code null} when the check happened before any call. */
    public @Nullable String call() {
        return this.call;
    }

    /** The errno the call set, or 0 when none applies. */
    public int errno() {
        return this.errno;
    }
}
