package dev.springipc.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
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
 * One {@code send(byte[])} and one receive per operation, in one thread: the two zero-allocation
 * receives, and the plain {@code receive(Duration)}, which allocates the payload's array and its
 * {@link IpcMessage} by contract (run.sh counts it out of the zero-allocation goal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ShmQueueBenchmark implements IpcMessageHandler {

    @Param({ "64", "1024" })
    int size;

    /**
     * The default ring, many producers and many consumers (a compare-and-set per send and per
     * receive), or one producer and one consumer (neither).
     */
    @Param({ "many-to-many", "one-to-one" })
    String ring;

    private IpcShmQueue queue;

    private byte[] message;

    private byte[] target;

    private long sum;

    @Setup(Level.Trial)
    public void open() {
        this.queue = IpcMessageQueue.shm("/ipcbench-jmh-shm-" + ProcessHandle.current().pid()).maxMessages(64)
                .maxMessageSize(this.size).singleProducer(this.ring.equals("one-to-one"))
                .singleConsumer(this.ring.equals("one-to-one"))
                .create(CreateMode.CREATE_ONLY).open();
        this.message = new byte[this.size];
        this.target = new byte[this.size];
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.queue.unlink();
        this.queue.close();
    }

    @Benchmark
    public long sendPoll() throws InterruptedException {
        this.queue.send(this.message);
        this.queue.poll(this, 1);
        return this.sum;
    }

    @Benchmark
    public int sendReceiveInto() throws InterruptedException {
        this.queue.send(this.message);
        return this.queue.receive(this.target, Duration.ZERO);
    }

    /** As a user writes it: the payload's first byte, the message not kept. */
    @Benchmark
    public int sendReceivePlain() throws InterruptedException {
        this.queue.send(this.message);
        Optional<IpcMessage> received = this.queue.receive(Duration.ZERO);
        return received.isEmpty() ? -1 : received.get().payload()[0];
    }

    @Override
    public void onMessage(ByteBuffer buffer, int offset, int length, int tag) {
        this.sum += buffer.get(offset) + length;
    }
}
