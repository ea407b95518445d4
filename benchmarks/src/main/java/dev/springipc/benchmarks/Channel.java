package dev.springipc.benchmarks;

/**
 * One direction of one IPC object, as the harness uses it: numbered messages of a fixed size.
 * The sequence number travels in the first 8 bytes so the receiver can check order and echo it.
 */
interface Channel extends AutoCloseable {

    /** Sends one message carrying {@code seq}; waits (or spins) while the object is full. */
    void send(long seq) throws Exception;

    /**
     * Receives up to {@code limit} messages that are there now (blocking transports may wait a
     * few milliseconds); remembers the last sequence number seen.
     * @return how many arrived, 0 if none
     */
    int poll(int limit) throws Exception;

    /** The sequence number of the last message {@link #poll} took. */
    long lastSeq();

    /** Removes the object's name (creator side); safe to call more than once. */
    void remove();

    @Override
    void close();
}
