package dev.springipc.core;

/** A lock or semaphore whose waits are measured ({@code ipc.lock.wait} in the starter's metrics). */
public interface IpcWaitable {

    /** The waits of this handle so far; the same live object on every call. */
    IpcWaitStatistics waitStatistics();
}
