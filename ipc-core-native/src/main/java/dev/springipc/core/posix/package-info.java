/**
 * POSIX implementations: named semaphores ({@code sem_open}), shared memory segments
 * ({@code shm_open} + {@code mmap}) and message queues ({@code mq_open}).
 */
@NullMarked
package dev.springipc.core.posix;

import org.jspecify.annotations.NullMarked;
