package dev.springipc.benchmarks;

import java.util.List;

/**
 * A transport as a Spring user drives it, the sending side in the measuring JVM: our
 * {@code IpcTemplate} to an {@code @IpcListener}, and the baselines a user without this library
 * would reach for (a JDK Unix-domain socket, Spring Integration's TCP adapters). Unlike a
 * {@link Mechanism}, the measuring side sends and the peer counts one-way arrivals itself
 * ({@link ArrivalCounter}), because a listener is driven by its container, not by the harness.
 */
interface UserMechanism {

    /** Short id used on the command line and in result lines, e.g. {@code spring-shm}. */
    String id();

    /** What exactly is measured, for the report. */
    String description();

    /** The core mechanism of the same transport (its raw figures), or null for a baseline. */
    String core();

    /** How many concurrent request-reply callers this transport is measured with. */
    List<Integer> callers();

    /** Whether the one-way figure is taken (else round trips only). */
    default boolean oneWay() {
        return true;
    }

    /**
     * Whether the one-way rate is reported in thousands of messages per second (kmsg/s) instead
     * of millions: for transports that take tens of microseconds per message, where three
     * decimals of Mmsg/s would hide the difference.
     */
    default boolean kiloRates() {
        return false;
    }

    /** One-way messages timed (a third more run first as warm-up), before scaling. */
    long oneWayCount();

    /** Round trips timed per caller count (a quarter more run first as warm-up), before scaling. */
    long roundTripCount();

    /**
     * In the measuring JVM, before the peer starts: creates what this side owns (registering
     * its removal with {@link Cleanup}) and returns the sending side, not yet connected.
     */
    UserClient client(String tag) throws Exception;

    /**
     * In the peer JVM: serves one-way messages (printing {@code RATE|x} once
     * {@code warmup + measured} arrived) and echoes requests, after printing {@code READY|info}
     * ({@code info} goes to {@link UserClient#connect}); returns when the parent goes away.
     */
    void serve(String tag, long warmup, long measured) throws Exception;
}
