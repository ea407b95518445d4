package dev.springipc.autoconfigure;

/**
 * Implementation of a message queue.
 */
public enum QueueType {

    /** POSIX message queue (mq_open). */
    POSIX,

    /** System V message queue (msgget). */
    SYSV,

    /** Shared-memory ring for JVM peers: no system call per message while the consumer is busy. */
    SHM
}
