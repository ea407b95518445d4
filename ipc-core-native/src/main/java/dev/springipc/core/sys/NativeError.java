package dev.springipc.core.sys;

/**
 * A failed native call: the call's name and errno. Checked, so that every caller decides how
 * the errno becomes a typed {@code IpcException}; cheap, because it records no stack trace.
 */
public final class NativeError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String call;

    private final int errno;

    public NativeError(String call, int errno) {
        super(call + ": " + Errno.name(errno), null, false, false);
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return this.call;
    }

    public int errno() {
        return this.errno;
    }
}
