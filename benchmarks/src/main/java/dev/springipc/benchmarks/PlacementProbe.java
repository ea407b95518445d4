package dev.springipc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * How far apart the measuring JVM's CPU and its peer's are just now: one 8-byte word in a file in
 * /dev/shm, bounced between the two processes, timed per round trip. On the 2-vCPU VM of issue 16
 * this probe reads about 70 ns (sometimes 37) for 5-30 s, then about 340 ns for 5-15 s, and back
 * (the hypervisor moving the vCPUs), and both rings run about 3.3x slower while it is far, so a
 * window is only comparable with another one measured in the same placement. The pinger writes an odd
 * number, the echo answers with the next even one; {@link #STOP} ends the echo.
 */
final class PlacementProbe implements AutoCloseable {

    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final long STOP = -1;

    /** Round trips not timed at the start of a probe. */
    private static final int UNTIMED = 256;

    /** Each phase of a probe ends after this long, however few round trips it made (two processes on one CPU). */
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path file;

    private final MappedByteBuffer word;

    private final boolean owner;

    private long next = 1;

    private PlacementProbe(Path file, MappedByteBuffer word, boolean owner) {
        this.file = file;
        this.word = word;
        this.owner = owner;
    }

    /** The measuring side: creates {@code /dev/shm/<name>} (removed on {@link #close()}). */
    static PlacementProbe create(String name) throws IOException {
        return map(Path.of("/dev/shm", name), true);
    }

    /** The peer's side: maps the file the measuring side created. */
    static PlacementProbe open(String name) throws IOException {
        return map(Path.of("/dev/shm", name), false);
    }

    private static PlacementProbe map(Path file, boolean create) throws IOException {
        StandardOpenOption[] options = create
                ? new StandardOpenOption[] { StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE }
                : new StandardOpenOption[] { StandardOpenOption.READ, StandardOpenOption.WRITE };
        try (FileChannel channel = FileChannel.open(file, options)) {
            // A whole page: the word sits alone in its cache line.
            return new PlacementProbe(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096), create);
        }
    }

    /**
     * Bounces the word a few times untimed (the first round trips fetch the line, and a JVM's
     * first calls link the var handle), then {@code rounds} times timed, each phase ending early
     * after 20 ms; then stops the echo.
     * @return the mean timed round trip in ns (infinite if not one came back in 20 ms)
     */
    double roundTripNanos(int rounds) {
        bounce(UNTIMED, System.nanoTime() + BUDGET_NANOS);
        long start = System.nanoTime();
        int timed = bounce(rounds, start + BUDGET_NANOS);
        long elapsed = System.nanoTime() - start;
        WORD.setRelease(this.word, 0, STOP);
        return (timed == 0) ? Double.POSITIVE_INFINITY : (double) elapsed / timed;
    }

    /** @return the round trips made, {@code rounds} or fewer when the deadline came first */
    private int bounce(int rounds, long deadline) {
        for (int round = 0; round < rounds; round++) {
            long ping = this.next;
            WORD.setRelease(this.word, 0, ping);
            while ((long) WORD.getAcquire(this.word, 0) != ping + 1) {
                Thread.onSpinWait();
            }
            this.next = ping + 2;
            // The clock is read every 16th round trip: a read costs a third of a near one.
            if ((round & 15) == 15 && System.nanoTime() > deadline) {
                return round + 1;
            }
        }
        return rounds;
    }

    /** The peer's side: answers every ping until {@link #STOP}. */
    void echo() {
        while (true) {
            long value = (long) WORD.getAcquire(this.word, 0);
            if (value == STOP) {
                WORD.setRelease(this.word, 0, 0L);
                return;
            }
            if ((value & 1) == 1) {
                WORD.setRelease(this.word, 0, value + 1);
            }
            else {
                Thread.onSpinWait();
            }
        }
    }

    /** Removes the file (measuring side only); unchecked, so it can be a {@link Cleanup} action too. */
    @Override
    public void close() {
        if (this.owner) {
            try {
                Files.deleteIfExists(this.file);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
