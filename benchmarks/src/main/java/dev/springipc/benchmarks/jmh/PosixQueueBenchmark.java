package dev.springipc.benchmarks.jmh;

import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One {@code mq_send} and one {@code mq_receive} per operation on the process's own queue, 64 B. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class PosixQueueBenchmark {

    private IpcMessageQueue queue;

    private final byte[] message = new byte[64];

    @Setup(Level.Trial)
    public void open() {
        this.queue = IpcMessageQueue.posix("/ipcbench-jmh-mq-" + ProcessHandle.current().pid()).maxMessages(10)
                .maxMessageSize(64).create(CreateMode.CREATE_ONLY).open();
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.queue.unlink();
        this.queue.close();
    }

    @Benchmark
    public Optional<IpcMessage> sendReceive() throws InterruptedException {
        this.queue.send(this.message);
        return this.queue.receive(Duration.ZERO);
    }
}
