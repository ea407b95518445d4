package dev.springipc.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Counts messages into Micrometer: {@code ipc.messages.sent}, {@code ipc.messages.received},
 * {@code ipc.messages.failed} (counters) and {@code ipc.message.size} (distribution summary of
 * wire bytes), tagged {@code resource}, {@code kind}, {@code type} and {@code listener} (the
 * listener id, {@code none} for {@code IpcTemplate}). The meters of a destination and listener
 * are registered on first use and then found by one or two map lookups. The counters are
 * function counters over {@link LongAdder}s, so a message costs an adder increment; the size
 * summary's record is the dearer part (see docs/performance.md) and is skipped for free when a
 * meter filter denies it ({@code management.metrics.enable.ipc.message.size=false}). Nothing
 * is allocated per message.
 */
public class IpcMessageMeters implements IpcTrafficObserver {

    private final MeterRegistry registry;

    private final Map<String, Meters> templateMeters = new ConcurrentHashMap<>();

    private final Map<String, Map<String, Meters>> listenerMeters = new ConcurrentHashMap<>();

    public IpcMessageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void sent(IpcDestination destination, int bytes) {
        Meters meters = meters(destination, null);
        meters.sent.increment();
        meters.size.record(bytes);
    }

    @Override
    public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
        Meters meters = meters(destination, listenerId);
        meters.received.increment();
        meters.size.record(bytes);
    }

    @Override
    public void failed(IpcDestination destination, @Nullable String listenerId) {
        meters(destination, listenerId).failed.increment();
    }

    private Meters meters(IpcDestination destination, @Nullable String listenerId) {
        Map<String, Meters> byKey = (listenerId != null)
                ? this.listenerMeters.computeIfAbsent(destination.key(), (k) -> new ConcurrentHashMap<>())
                : this.templateMeters;
        String id = (listenerId != null) ? listenerId : destination.key();
        Meters meters = byKey.get(id);
        return (meters != null) ? meters : byKey.computeIfAbsent(id, (k) -> new Meters(this.registry,
                IpcMeterTags.of(destination.key(), destination.resource())
                    .and("listener", (listenerId != null) ? listenerId : IpcMeterTags.NONE)));
    }

    private static final class Meters {

        final LongAdder sent = new LongAdder();

        final LongAdder received = new LongAdder();

        final LongAdder failed = new LongAdder();

        final DistributionSummary size;

        Meters(MeterRegistry registry, Tags tags) {
            counter(registry, "ipc.messages.sent", "Messages sent", this.sent, tags);
            counter(registry, "ipc.messages.received", "Messages received", this.received, tags);
            counter(registry, "ipc.messages.failed",
                    "Sends that failed, and received messages whose listener failed after its retries", this.failed,
                    tags);
            this.size = DistributionSummary.builder("ipc.message.size")
                .description("Size of messages sent and received, as they travel (with the envelope, if any)")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry);
        }

        private static void counter(MeterRegistry registry, String name, String description, LongAdder adder,
                Tags tags) {
            FunctionCounter.builder(name, adder, LongAdder::sum)
                .description(description)
                .baseUnit("messages")
                .tags(tags)
                .register(registry);
        }
    }
}
