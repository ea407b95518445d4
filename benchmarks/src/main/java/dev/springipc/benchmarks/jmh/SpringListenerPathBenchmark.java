package dev.springipc.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * {@code IpcTemplate.convertAndSend(key, String)} to an {@code @IpcListener} method over a shm
 * queue, in one Spring Boot application: the benchmark thread sends a batch of 64-byte strings
 * and waits until the listener (on its container thread) has counted them. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per message on both sides
 * (JMH counts every thread). {@code path=in-place} is {@code void count(String)} sent with
 * {@code convertAndSend(key, text)} (the direct write and the in-place listener path);
 * {@code path=full} is {@code void count(@Payload String)} sent with
 * {@code convertAndSend(key, text, Map.of())}, which the annotation and the header map send
 * through {@code Message}, converter, header mapper and argument resolution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpringListenerPathBenchmark {

    static final int BATCH = 64;

    @Param({ "in-place", "full" })
    String path;

    private ConfigurableApplicationContext context;

    private IpcTemplate template;

    private AtomicLong counted;

    private String key;

    private long sent;

    private final String text = "x".repeat(64);

    @Setup(Level.Trial)
    public void start() {
        String tag = "ipcbench-jmh-spring-" + ProcessHandle.current().pid();
        this.context = new SpringApplicationBuilder(ListenerApplication.class).run(
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false", "--logging.level.root=warn", "--ipc.namespace=" + tag,
                "--ipc.cleanup=always", "--ipc.queues.fast.type=shm", "--ipc.queues.fast.name=/" + tag + "-fast",
                "--ipc.queues.full.type=shm", "--ipc.queues.full.name=/" + tag + "-full",
                "--ipc.queues.fast.max-messages=256", "--ipc.queues.full.max-messages=256",
                "--ipc.queues.fast.max-message-size=256B", "--ipc.queues.full.max-message-size=256B");
        this.template = this.context.getBean(IpcTemplate.class);
        Counters counters = this.context.getBean(Counters.class);
        this.key = this.path.equals("in-place") ? "fast" : "full";
        this.counted = this.path.equals("in-place") ? counters.fast : counters.full;
    }

    @TearDown(Level.Trial)
    public void stop() {
        this.context.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendBatchAndAwaitTheListener() {
        boolean inPlace = this.key.equals("fast");
        for (int i = 0; i < BATCH; i++) {
            if (inPlace) {
                this.template.convertAndSend(this.key, this.text);
            }
            else {
                this.template.convertAndSend(this.key, this.text, java.util.Map.of());
            }
        }
        this.sent += BATCH;
        while (this.counted.get() < this.sent) {
            Thread.onSpinWait();
        }
        return this.sent;
    }

    /** The listeners: the payload alone, and the same with {@code @Payload} (which takes the full path). */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ListenerApplication {

        @Bean
        Counters counters() {
            return new Counters();
        }
    }

    static class Counters {

        final AtomicLong fast = new AtomicLong();

        final AtomicLong full = new AtomicLong();

        @IpcListener("fast")
        void count(String text) {
            this.fast.lazySet(this.fast.get() + text.length() / 64);
        }

        @IpcListener("full")
        void countFully(@Payload String text) {
            this.full.lazySet(this.full.get() + text.length() / 64);
        }
    }
}
