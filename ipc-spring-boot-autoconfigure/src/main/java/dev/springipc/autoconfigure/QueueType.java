package dev.springipc.autoconfigure;

/**
 * Implementation of a message queue.
 */
public enum QueueType {

    /** POSIX message queue (mq_open). */
    POSIX,

    /** System V message queue (msgget); not available in this version. */
    SYSV,

    /** Shared-memory ring for JVM peers; not available in this version. */
    SHM
}
