package dev.springipc.autoconfigure;

/**
 * Kind of an interprocess semaphore.
 */
public enum SemaphoreKind {

    /** POSIX named semaphore (sem_open). */
    POSIX,

    /** System V semaphore (semget); not available in this version. */
    SYSV
}
