package dev.springipc.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A System V message queue ({@code msgget}): every message carries a positive {@code long}
 * type, and a receiver chooses by type.
 * <p>
 * The {@code msgtyp} argument of the receiving methods follows {@code msgrcv}:
 * <ul>
 * <li>{@code 0}: the oldest message of any type;</li>
 * <li>{@code > 0}: the oldest message of exactly that type;</li>
 * <li>{@code < 0}: the oldest message of the lowest type that is at most {@code -msgtyp}.</li>
 * </ul>
 * The {@link IpcMessageQueue} methods map onto this: {@code send(payload)} sends type 1,
 * {@code send(payload, int)} takes the int as the type (at least 1), {@code receive()} takes
 * any type. Received messages report their type in {@link IpcMessage#type()}.
 * <p>
 * {@code msgrcv} and {@code msgsnd} have no timeout, so waiting calls poll with IPC_NOWAIT and a
 * back-off from 50 µs to 5 ms: an idle receiver answers within 5 ms of a message's arrival and
 * notices interruption or {@link #close()} as quickly.
 */
public interface IpcSysvMessageQueue extends IpcMessageQueue {

    /** The type {@link #send(byte[])} uses. */
    long DEFAULT_TYPE = 1;

    /** The System V key the queue was opened with. */
    int key();

    /** Sends with type {@link #DEFAULT_TYPE}, waiting while the queue is full. */
    @Override
    default void send(byte[] payload) throws InterruptedException {
        send(payload, DEFAULT_TYPE);
    }

    /** Sends with {@code type} (at least 1), waiting while the queue is full. */
    @Override
    default void send(byte[] payload, int type) throws InterruptedException {
        send(payload, (long) type);
    }

    /** Sends with {@code type} (at least 1), waiting while the queue is full. */
    void send(byte[] payload, long type) throws InterruptedException;

    /** Sends with {@code type}, or {@link #DEFAULT_TYPE} when it is 0; a queue has no priority. */
    @Override
    default void send(byte[] payload, int priority, long type) throws InterruptedException {
        send(payload, (type > 0) ? type : DEFAULT_TYPE);
    }

    /** Sends with {@code type}, waiting at most {@code timeout} for room; returns whether it was sent. */
    boolean trySend(byte[] payload, long type, Duration timeout) throws InterruptedException;

    /** Sends with {@code type}, or {@link #DEFAULT_TYPE} when it is 0; a queue has no priority. */
    @Override
    default boolean trySend(byte[] payload, int priority, long type, Duration timeout) throws InterruptedException {
        return trySend(payload, (type > 0) ? type : DEFAULT_TYPE, timeout);
    }

    /** Sends with {@code type} (at least 1), waiting at most {@code timeout} for room. */
    @Override
    default boolean trySend(byte[] payload, int type, Duration timeout) throws InterruptedException {
        return trySend(payload, (long) type, timeout);
    }

    /** Receives the next message that {@code msgtyp} selects, waiting as long as needed. */
    IpcMessage receive(long msgtyp) throws InterruptedException;

    /** Receives the next message that {@code msgtyp} selects, waiting at most {@code timeout}. */
    Optional<IpcMessage> receive(long msgtyp, Duration timeout) throws InterruptedException;

    /** Receives the oldest message of any type. */
    @Override
    default IpcMessage receive() throws InterruptedException {
        return receive(0L);
    }

    /** Receives the oldest message of any type, waiting at most {@code timeout}. */
    @Override
    default Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        return receive(0L, timeout);
    }

    /**
     * The most payload bytes the queue holds before senders wait ({@code msg_qbytes}). The kernel
     * also lets at most this many messages wait, which is what {@link #capacity()} reports.
     */
    long maxBytes();

    /** Payload bytes waiting now ({@code msg_cbytes}, a snapshot). */
    long bytesWaiting();

    /**
     * Sets {@code msg_qbytes} ({@code msgctl IPC_SET}). Lowering it is allowed to the owner;
     * raising it above {@code /proc/sys/kernel/msgmnb} is refused.
     */
    void setMaxBytes(long maxBytes);

    /** Sets owner, group and mode ({@code msgctl IPC_SET}); only the owner, creator or root may. */
    void setPermissions(int uid, int gid, int mode);
}
