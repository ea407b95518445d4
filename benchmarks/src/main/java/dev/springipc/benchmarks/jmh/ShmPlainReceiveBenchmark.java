package dev.springipc.benchmarks.jmh;

import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@code send(byte[])} and one plain {@code receive(Duration)} per operation, in one thread:
 * what the plain form allocates beside the payload's own array (its contract), which is what
 * its cross-process throughput pays for against a ring that allocates only the array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ShmPlainReceiveBenchmark {

    @Param({ "64" })
    int size;

    private IpcShmQueue queue;

    private byte[] message;

    @Setup(Level.Trial)
    public void open() {
        this.queue = IpcMessageQueue.shm("/ipcbench-jmh-plain-" + ProcessHandle.current().pid()).maxMessages(64)
                .maxMessageSize(this.size).singleProducer(true).singleConsumer(true)
                .create(CreateMode.CREATE_ONLY).open();
        this.message = new byte[this.size];
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.queue.unlink();
        this.queue.close();
    }

    /** As a user writes it: the payload's first byte, the message not kept. */
    @Benchmark
    public int sendReceive() throws InterruptedException {
        this.queue.send(this.message);
        Optional<IpcMessage> received = this.queue.receive(Duration.ZERO);
        return received.isEmpty() ? -1 : received.get().payload()[0];
    }
}
