package dev.springipc.benchmarks;

/** A transport under test: opens {@link Channel}s by name, in the measuring and in the peer JVM. */
interface Mechanism {

    /** Short id used on the command line and in result lines, e.g. {@code shm-poll}. */
    String id();

    /** What exactly is measured, for the report. */
    String description();

    /** The Agrona mechanism this one is compared with (itself for the baselines). */
    String baseline();

    /**
     * Opens (creating if {@code create}) the object named from {@code name} for messages of
     * {@code size} bytes.
     */
    Channel open(String name, int size, boolean create);

    /** Whether the receive side busy-spins (then more messages are taken per poll). */
    boolean spins();
}
