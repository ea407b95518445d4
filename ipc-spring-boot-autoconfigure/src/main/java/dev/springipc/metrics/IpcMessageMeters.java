package dev.springipc.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.springipc.core.IpcLimit;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Counts messages into Micrometer: {@code ipc.messages.sent}, {@code ipc.messages.received},
 * {@code ipc.messages.failed}, {@code ipc.limits.reached} (counters; the last tagged {@code limit}
 * instead of {@code listener}) and {@code ipc.message.size} (distribution summary of
 * wire bytes: count and total), tagged {@code resource}, {@code kind}, {@code type} and {@code listener} (the
 * listener id, {@code none} for {@code IpcTemplate}). The meters of a destination and listener
 * are registered on first use and then found by one or two map lookups. All of them read
 * {@link LongAdder}s when the registry publishes, so a message costs an adder increment and an
 * adder add (its bytes), and allocates nothing.
 */
public class IpcMessageMeters implements IpcTrafficObserver {

    private final MeterRegistry registry;

    private final Map<String, Meters> templateMeters = new ConcurrentHashMap<>();

    private final Map<String, Map<String, Meters>> listenerMeters = new ConcurrentHashMap<>();

    private final Map<String, Map<IpcLimit, LongAdder>> limitCounters = new ConcurrentHashMap<>();

    public IpcMessageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void sent(IpcDestination destination, int bytes) {
        Meters meters = meters(destination, null);
        meters.sent.increment();
        meters.bytes.add(bytes);
    }

    @Override
    public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
        Meters meters = meters(destination, listenerId);
        meters.received.increment();
        meters.bytes.add(bytes);
    }

    @Override
    public void failed(IpcDestination destination, @Nullable String listenerId) {
        meters(destination, listenerId).failed.increment();
    }

    /**
     * Counts {@code ipc.limits.reached}, tagged like the message meters (without {@code listener})
     * and with {@code limit} ({@link IpcLimit#tag()}): a full queue that made a sender wait, or a
     * send refused by a kernel limit.
     */
    @Override
    public void limitReached(IpcDestination destination, IpcLimit limit) {
        Map<IpcLimit, LongAdder> byLimit = this.limitCounters.computeIfAbsent(destination.key(),
                (k) -> new ConcurrentHashMap<>());
        LongAdder counter = byLimit.get(limit);
        if (counter == null) {
            counter = byLimit.computeIfAbsent(limit, (l) -> {
                LongAdder adder = new LongAdder();
                FunctionCounter.builder("ipc.limits.reached", adder, LongAdder::sum)
                    .description("Sends that met a limit: a full queue (the sender waited) or a kernel limit (the "
                            + "send failed)")
                    .baseUnit("events")
                    .tags(IpcMeterTags.of(destination.key(), destination.resource()).and("limit", l.tag()))
                    .register(this.registry);
                return adder;
            });
        }
        counter.increment();
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

    /**
     * The adders of one destination and listener, and the meters that read them when the registry
     * publishes. {@code ipc.message.size} is a distribution summary whose count is the messages
     * sent and received and whose total is their bytes, so a message adds one increment and one
     * add, not a summary record (which reads the clock for its max).
     */
    private static final class Meters {

        final LongAdder sent = new LongAdder();

        final LongAdder received = new LongAdder();

        final LongAdder failed = new LongAdder();

        final LongAdder bytes = new LongAdder();

        Meters(MeterRegistry registry, Tags tags) {
            counter(registry, "ipc.messages.sent", "Messages sent", this.sent, tags);
            counter(registry, "ipc.messages.received", "Messages received", this.received, tags);
            counter(registry, "ipc.messages.failed",
                    "Sends that failed, and received messages whose listener failed after its retries", this.failed,
                    tags);
            Meter.builder("ipc.message.size", Meter.Type.DISTRIBUTION_SUMMARY,
                    List.of(new Measurement(() -> this.sent.sum() + this.received.sum(), Statistic.COUNT),
                            new Measurement(this.bytes::sum, Statistic.TOTAL)))
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
