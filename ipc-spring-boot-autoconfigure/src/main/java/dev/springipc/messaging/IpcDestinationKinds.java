package dev.springipc.messaging;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSysvMessageQueue;

/** The short kind names tags and observations use for a destination's resource. */
final class IpcDestinationKinds {

    private IpcDestinationKinds() {
    }

    /** {@code posix}, {@code sysv} or {@code shm} for a queue, {@code fifo}, or {@code pipe}. */
    static String kind(IpcDestination destination) {
        IpcResource resource = destination.resource();
        if (resource instanceof IpcShmQueue) {
            return "shm";
        }
        if (resource instanceof IpcSysvMessageQueue) {
            return "sysv";
        }
        if (resource instanceof IpcFifo) {
            return "fifo";
        }
        if (resource instanceof IpcPipe) {
            return "pipe";
        }
        return "posix";
    }
}
