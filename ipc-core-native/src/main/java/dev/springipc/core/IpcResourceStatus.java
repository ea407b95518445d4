package dev.springipc.core;

import java.util.Objects;

/**
 * What {@link IpcResource#check()} found: whether the object this handle opened is still there
 * under its name and usable by this process, and if not, why.
 *
 * @param state the verdict
 * @param detail what was seen, for operators, e.g.
 * {@code vanished: /dev/shm/demo.prices no longer exists}
 */
public record IpcResourceStatus(State state, String detail) {

    public IpcResourceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    /** The object is there under its name, the one this handle opened, and this process may use it. */
    public static IpcResourceStatus present(String detail) {
        return new IpcResourceStatus(State.PRESENT, detail);
    }

    /** Whether the handle is still good to use: {@link State#PRESENT}. */
    public boolean isUsable() {
        return this.state == State.PRESENT;
    }

    /** The verdicts of a check. */
    public enum State {

        /** There, the same object, readable and writable by this process. */
        PRESENT,

        /** Removed by someone ({@code rm /dev/shm/...}, {@code ipcrm}, {@code mq_unlink}). */
        VANISHED,

        /** The name now belongs to another object (removed and created again). */
        REPLACED,

        /** Its permissions no longer let this process read and write it. */
        INACCESSIBLE,

        /**
         * Another process shrank the shared memory object below the size this handle mapped
         * ({@code truncate}, {@code ftruncate}): every access would fault, so each is refused.
         */
        TRUNCATED,

        /**
         * The object's header no longer says what this handle opened (another process wrote
         * over it): a mutex, spin lock or barrier without its magic number, a ring whose
         * descriptor changed.
         */
        CORRUPT,

        /** A child-process pipe whose child is not running. */
        STOPPED,

        /** This handle was closed. */
        CLOSED

    }
}
