package dev.springipc.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.SysvKey;
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
 * One {@code msgsnd} and one blocking {@code msgrcv} per operation on the process's own System V
 * queue, 64 B: the receive path that blocks in the kernel (the message is there, so it returns at
 * once). Like the POSIX receive, it returns a new {@link IpcMessage} with its payload array per
 * message, which is its contract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SysvQueueBenchmark {

    private IpcSysvMessageQueue queue;

    private final byte[] message = new byte[64];

    @Setup(Level.Trial)
    public void open() {
        this.queue = IpcMessageQueue.sysv(SysvKey.of("/ipcbench-jmh-sysv-" + ProcessHandle.current().pid()))
            .maxMessageSize(64)
            .create(CreateMode.CREATE_ONLY)
            .open();
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.queue.unlink();
        this.queue.close();
    }

    @Benchmark
    public IpcMessage sendReceive() throws InterruptedException {
        this.queue.send(this.message);
        return this.queue.receive();
    }
}
