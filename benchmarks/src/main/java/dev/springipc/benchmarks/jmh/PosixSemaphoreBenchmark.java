package dev.springipc.benchmarks.jmh;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcSemaphore;
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
 * One uncontended {@code release()} and one {@code tryAcquire()} per operation on a POSIX named
 * semaphore, on the Java fast path ({@code fast}) and on the JNA {@code sem_*} fallback
 * ({@code jna}, by the system property that turns the fast path off). The C kit's
 * {@code sem-call} mode measures the same pair in C ({@code sem_post} + {@code sem_trywait}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
public class PosixSemaphoreBenchmark {

    /** The fast path's switch (PosixSemaphore reads it at each open). */
    private static final String FAST_PATH_PROPERTY = "dev.springipc.semaphoreFastPath";

    @Param({ "fast", "jna" })
    public String path;

    private IpcSemaphore semaphore;

    @Setup(Level.Trial)
    public void open() {
        System.setProperty(FAST_PATH_PROPERTY, Boolean.toString(this.path.equals("fast")));
        this.semaphore = IpcSemaphore.builder("/ipcbench-jmh-sem-" + ProcessHandle.current().pid()).permits(0)
                .create(CreateMode.CREATE_ONLY).open();
    }

    @TearDown(Level.Trial)
    public void remove() {
        this.semaphore.unlink();
        this.semaphore.close();
        System.clearProperty(FAST_PATH_PROPERTY);
    }

    @Benchmark
    public boolean releaseTryAcquire() {
        this.semaphore.release();
        return this.semaphore.tryAcquire();
    }
}
