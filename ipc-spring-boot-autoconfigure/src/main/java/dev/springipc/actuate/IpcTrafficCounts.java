package dev.springipc.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;
import org.jspecify.annotations.Nullable;

/**
 * Counts the messages sent and received per destination key since the application started, for
 * the {@code ipc} endpoint's {@code sent} and {@code received} figures. One map lookup and one
 * {@link LongAdder} increment per message.
 */
public class IpcTrafficCounts implements IpcTrafficObserver {

    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    @Override
    public void sent(IpcDestination destination, int bytes) {
        counts(destination.key()).sent.increment();
    }

    @Override
    public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
        counts(destination.key()).received.increment();
    }

    /** Messages sent to {@code key}. */
    public long sent(String key) {
        Counts found = this.counts.get(key);
        return (found != null) ? found.sent.sum() : 0;
    }

    /** Messages received from {@code key}. */
    public long received(String key) {
        Counts found = this.counts.get(key);
        return (found != null) ? found.received.sum() : 0;
    }

    private Counts counts(String key) {
        Counts found = this.counts.get(key);
        return (found != null) ? found : this.counts.computeIfAbsent(key, (k) -> new Counts());
    }

    private static final class Counts {

        final LongAdder sent = new LongAdder();

        final LongAdder received = new LongAdder();

    }
}
