package dev.springipc.benchmarks.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcFifo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One framed {@code write} of 64 B per operation into a FIFO that {@code cat} drains in its own
 * process: the send path alone (its binding call, and the wait in {@code poll} when the pipe is
 * full), which allocates nothing. A receive returns a new message per call by contract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FifoBenchmark {

    private Path directory;

    private IpcFifo fifo;

    private Process reader;

    private final byte[] message = new byte[64];

    @Setup(Level.Trial)
    public void open() throws IOException {
        this.directory = Files.createTempDirectory("ipcbench-jmh-fifo-");
        this.fifo = IpcFifo.builder(this.directory.resolve("fifo").toString()).open();
        this.reader = new ProcessBuilder("cat", this.directory.resolve("fifo").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException, InterruptedException {
        this.reader.destroy();
        this.reader.waitFor();
        this.fifo.unlink();
        this.fifo.close();
        Files.deleteIfExists(this.directory);
    }

    @Benchmark
    public void send() throws InterruptedException {
        this.fifo.send(this.message);
    }
}
