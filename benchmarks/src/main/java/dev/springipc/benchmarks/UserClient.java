package dev.springipc.benchmarks;

/** The sending side of a {@link UserMechanism} in the measuring JVM. */
interface UserClient extends AutoCloseable {

    /** Connects to the peer once it is ready; {@code info} is what the peer printed after READY. */
    void connect(String info) throws Exception;

    /** Sends one one-way message. */
    void send(String payload) throws Exception;

    /**
     * Sends a request and returns its reply; called by several threads at once when the
     * mechanism is measured with more than one caller.
     */
    String request(String payload) throws Exception;

    @Override
    void close();
}
