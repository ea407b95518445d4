package dev.springipc.autoconfigure;

/**
 * Kind of an interprocess semaphore.
 */
public enum SemaphoreKind {

    /** POSIX named semaphore (sem_open). */
    POSIX,

    /**
     * System V semaphore (semget), with SEM_UNDO: the kernel gives back the permits of a process
     * that dies.
     */
    SYSV
}
