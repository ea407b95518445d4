package dev.springipc.benchmarks.jmh;

import java.nio.ByteBuffer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** For comparison: Agrona OneToOneRingBuffer write + read(handler, 1) per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class AgronaRingBenchmark implements MessageHandler {

    @Param({ "64", "1024" })
    int size;

    private OneToOneRingBuffer ring;

    private UnsafeBuffer message;

    private long sum;

    @Setup(Level.Trial)
    public void open() {
        this.ring = new OneToOneRingBuffer(
                new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
        this.message = new UnsafeBuffer(new byte[this.size]);
    }

    @Benchmark
    public long writeRead() {
        this.ring.write(1, this.message, 0, this.size);
        this.ring.read(this, 1);
        return this.sum;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        this.sum += buffer.getByte(index) + length;
    }
}
