/**
 * System V implementations: semaphores ({@code semget}/{@code semop}, with {@code SEM_UNDO}) and
 * message queues ({@code msgget}/{@code msgsnd}/{@code msgrcv}). Objects are found by integer key
 * and live until removed ({@code IPC_RMID}) or reboot.
 */
@NullMarked
package dev.springipc.core.sysv;

import org.jspecify.annotations.NullMarked;
