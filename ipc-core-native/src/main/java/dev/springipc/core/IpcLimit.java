package dev.springipc.core;

/**
 * A kernel or user limit that an IPC operation met: what {@link IpcLimitExceededException#limit()}
 * names, and the {@code limit} tag of the {@code ipc.limits.reached} meter. Each says where the
 * limit is set.
 */
public enum IpcLimit {

    /**
     * A queue holds as many messages (or, System V, bytes) as it can: a sender waits for room
     * (back-pressure) or, with a timeout, gives up. Set per queue ({@code max-messages},
     * {@code max-bytes}).
     */
    QUEUE_FULL("queue-full"),

    /** {@code /dev/shm} (a tmpfs, 64 MB in a Docker container) has no room for a new object. */
    SHM_SPACE("shm-space"),

    /** The number of POSIX queues in the IPC namespace: {@code fs.mqueue.queues_max}. */
    MQ_QUEUES_MAX("mq-queues-max"),

    /** A POSIX queue's {@code max-messages} above {@code fs.mqueue.msg_max}. */
    MQ_MSG_MAX("mq-msg-max"),

    /** A POSIX queue's {@code max-message-size} above {@code fs.mqueue.msgsize_max}. */
    MQ_MSGSIZE_MAX("mq-msgsize-max"),

    /**
     * The bytes of POSIX queues one user may have ({@code RLIMIT_MSGQUEUE}, {@code ulimit -q},
     * 819200 by default); {@code mq_open} reports it as EMFILE.
     */
    RLIMIT_MSGQUEUE("rlimit-msgqueue"),

    /**
     * Open descriptors of the process ({@code RLIMIT_NOFILE}, {@code ulimit -n}; EMFILE, also from
     * {@code mq_open} when no descriptor is free) or of the system ({@code fs.file-max}; ENFILE).
     */
    OPEN_FILES("open-files"),

    /** The number of System V queues in the IPC namespace: {@code kernel.msgmni}. */
    SYSV_MSGMNI("sysv-msgmni"),

    /** The largest System V message: {@code kernel.msgmax}. */
    SYSV_MSGMAX("sysv-msgmax"),

    /** The bytes a System V queue holds, by default and at most without privilege: {@code kernel.msgmnb}. */
    SYSV_MSGMNB("sysv-msgmnb"),

    /** Another limit (memory, System V semaphore sets, ...): the message says which. */
    OTHER("other");

    private final String tag;

    IpcLimit(String tag) {
        this.tag = tag;
    }

    /** The value of the meter tag {@code limit}, e.g. {@code queue-full}. */
    public String tag() {
        return this.tag;
    }
}
