package dev.springipc.core;

/**
 * What every IPC object shares with a file: a name, an owner, a group and permissions; it is
 * opened (or created), used, closed and removed. Closing releases this process's handle;
 * {@link #unlink()} removes the name, after which the object disappears once the last
 * process has closed it. Objects left unlinked live until reboot.
 */
public interface IpcResource extends AutoCloseable {

    /** The OS name: {@code /demo.jobs} for POSIX objects, the path for a FIFO, {@code key 0x0000abcd} for System V objects. */
    String name();

    /** Whether this process created the object (rather than opening an existing one). */
    boolean isOwned();

    /** Whether this handle is still open. */
    boolean isOpen();

    /** Owner, group and mode as the kernel reports them now. */
    Permissions permissions();

    /**
     * Checks, without waiting on any lock, that the object this handle opened is still the one
     * under its name and that this process may read and write it: one or two {@code statx},
     * {@code faccessat} or {@code msgctl}/{@code semctl(IPC_STAT)} calls. Never throws for what it
     * finds; a failed check is a status with its reason.
     */
    IpcResourceStatus check();

    /** Removes the object's name. Idempotent: removing an already removed name is not an error. */
    void unlink();

    /** Releases this process's handle. Idempotent. */
    @Override
    void close();

    /**
     * What {@code resource} is, in the words of the starter's {@code ipc.*} maps: {@code queue},
     * {@code semaphore}, {@code segment}, {@code mutex}, {@code barrier}, {@code spin-lock},
     * {@code fifo} or {@code pipe} (health, the {@code ipc} endpoint and meter tags use it).
     */
    static String kindOf(IpcResource resource) {
        if (resource instanceof IpcMessageQueue) {
            return "queue";
        }
        if (resource instanceof IpcSemaphore) {
            return "semaphore";
        }
        if (resource instanceof IpcSharedSegment) {
            return "segment";
        }
        if (resource instanceof IpcMutex) {
            return "mutex";
        }
        if (resource instanceof IpcBarrier) {
            return "barrier";
        }
        if (resource instanceof IpcSpinLock) {
            return "spin-lock";
        }
        if (resource instanceof IpcFifo) {
            return "fifo";
        }
        if (resource instanceof IpcPipe) {
            return "pipe";
        }
        return resource.getClass().getSimpleName();
    }
}
