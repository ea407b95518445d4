package dev.springipc.metrics;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcWaitStatistics;
import dev.springipc.core.IpcWaitable;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Live gauges of the IPC resources: {@code ipc.queue.depth} (messages waiting, from
 * {@code mq_getattr}, {@code msgctl(IPC_STAT)} or the ring's header) and
 * {@code ipc.semaphore.permits} (from {@code sem_getvalue} or {@code semctl(GETVAL)}), and the
 * {@code ipc.lock.wait} timer of semaphores, mutexes and spin locks (the acquisitions that had to
 * wait, from the handle's {@code waitStatistics()}), tagged {@code resource}, {@code kind} and
 * {@code type}. Read when the registry publishes, never cached;
 * a resource that cannot be read (closed, removed) reads NaN.
 */
public class IpcResourceMetrics implements MeterBinder {

    private final Supplier<Map<String, IpcResource>> resources;

    public IpcResourceMetrics(Supplier<Map<String, IpcResource>> resources) {
        this.resources = resources;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.resources.get().forEach((key, resource) -> {
            if (resource instanceof IpcMessageQueue queue) {
                Gauge.builder("ipc.queue.depth", queue, (q) -> read(() -> q.depth()))
                    .description("Messages waiting in the queue")
                    .baseUnit("messages")
                    .tags(IpcMeterTags.of(key, resource))
                    .register(registry);
            }
            else if (resource instanceof IpcSemaphore semaphore) {
                Gauge.builder("ipc.semaphore.permits", semaphore, (s) -> read(() -> s.availablePermits()))
                    .description("Permits available now")
                    .baseUnit("permits")
                    .tags(IpcMeterTags.of(key, resource))
                    .register(registry);
            }
            if (resource instanceof IpcWaitable waitable) {
                FunctionTimer.builder("ipc.lock.wait", waitable.waitStatistics(), IpcWaitStatistics::waits,
                        IpcWaitStatistics::waitedNanos, TimeUnit.NANOSECONDS)
                    .description("Time spent waiting for a lock or semaphore permit that was not free at once")
                    .tags(IpcMeterTags.of(key, resource))
                    .register(registry);
            }
        });
    }

    private static double read(Supplier<Integer> figure) {
        try {
            return figure.get();
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
