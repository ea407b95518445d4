package dev.springipc.benchmarks.jmh;

import java.time.Duration;

import dev.springipc.actuate.IpcTrafficCounts;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.messaging.WireFormat;
import dev.springipc.metrics.IpcMessageMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * What metrics add to a message on the shm ring: one send and one zero-allocation receive per
 * operation (one-to-one ring, 64 B), plus the two traffic-observer calls {@code IpcTemplate} and
 * the listener containers make per message: none ({@code off}), the Micrometer meters
 * ({@code meters}, a {@link SimpleMeterRegistry}), or the {@code ipc} endpoint's counts
 * ({@code endpoint}). The difference between {@code off} and the others is the per-message cost
 * of metrics; {@code -prof gc} shows whether it allocates. {@code observeOnly} makes the two calls
 * without the ring, which isolates their cost from the ring's own variance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class ShmMetricsBenchmark {

    @Param({ "off", "meters", "endpoint" })
    String metrics;

    private IpcShmQueue queue;

    private IpcDestination destination;

    private IpcTrafficObserver observer;

    private byte[] message;

    private byte[] target;

    @Setup(Level.Trial)
    public void open() {
        this.queue = IpcMessageQueue.shm("/ipcbench-jmh-metrics-" + ProcessHandle.current().pid())
            .maxMessages(64)
            .maxMessageSize(64)
            .singleProducer(true)
            .singleConsumer(true)
            .create(CreateMode.CREATE_ONLY)
            .open();
        this.destination = IpcDestination.of("bench", this.queue, WireFormat.RAW, null);
        this.observer = switch (this.metrics) {
            case "meters" -> new IpcMessageMeters(new SimpleMeterRegistry());
            case "endpoint" -> new IpcTrafficCounts();
            default -> IpcTrafficObserver.NONE;
        };
        this.message = new byte[64];
        this.target = new byte[64];
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.queue.unlink();
        this.queue.close();
    }

    @Benchmark
    public int sendReceive() throws InterruptedException {
        this.queue.send(this.message);
        this.observer.sent(this.destination, this.message.length);
        int length = this.queue.receive(this.target, Duration.ZERO);
        this.observer.received(this.destination, length, null);
        return length;
    }

    /** The two observer calls alone: the added cost without the ring's own variance. */
    @Benchmark
    public int observeOnly() {
        this.observer.sent(this.destination, this.message.length);
        this.observer.received(this.destination, this.target.length, null);
        return this.target.length;
    }
}
