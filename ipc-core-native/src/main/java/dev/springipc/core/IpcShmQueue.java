package dev.springipc.core;

import java.time.Duration;

/**
 * The shared-memory ring queue ({@code type: shm}): many producers (or one, faster), one or more consumers, no
 * system call per message while the consumer is busy. Besides the {@link IpcMessageQueue}
 * methods it offers receive forms that allocate nothing. Messages arrive in the order they were
 * committed; the {@code priority} argument of send travels as a tag and does not reorder.
 */
public interface IpcShmQueue extends IpcMessageQueue {

    /**
     * Hands up to {@code limit} waiting messages to {@code handler} in place; never waits.
     * @return the number of messages handled
     */
    int poll(IpcMessageHandler handler, int limit);

    /**
     * Waits at most {@code timeout} for a message, then hands it and up to {@code limit - 1} more
     * waiting ones to {@code handler} in place, as {@link #poll} does; waits as
     * {@link #receive(Duration)} does (this handle's {@link IpcIdleStrategy}). A handler that
     * throws consumes its message; the exception ends the call.
     * @return the number of messages handled, 0 if none came
     */
    int receive(IpcMessageHandler handler, int limit, Duration timeout) throws InterruptedException;

    /**
     * Copies the next message into {@code target}, waiting at most {@code timeout}.
     * @return the payload length, or -1 if none came
     * @throws IpcMessageTooLargeException if {@code target} is too small (the message stays queued)
     */
    int receive(byte[] target, Duration timeout) throws InterruptedException;

    /** Records skipped because a producer died while writing them, over the ring's lifetime. */
    long reclaimed();

    /**
     * Whether the ring takes one producer only: one handle, sending from one thread at a time
     * (see {@link IpcMessageQueue.ShmBuilder#singleProducer(boolean)}).
     */
    boolean singleProducer();

    /**
     * Whether the ring takes one consumer only: one handle, receiving from one thread at a time
     * (see {@link IpcMessageQueue.ShmBuilder#singleConsumer(boolean)}).
     */
    boolean singleConsumer();

    /** How this handle's receives wait while the ring is empty. */
    IpcIdleStrategy idleStrategy();

    /** How long this handle's receives wait on an unfinished record before skipping it. */
    Duration stallTimeout();
}
