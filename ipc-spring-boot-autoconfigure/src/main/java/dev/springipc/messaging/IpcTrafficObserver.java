package dev.springipc.messaging;

import java.util.List;

import dev.springipc.core.IpcLimit;
import org.jspecify.annotations.Nullable;

/**
 * Told of every message {@link IpcTemplate} and the listener containers send, receive or fail
 * on: the hook metrics and the {@code ipc} endpoint count traffic through. Called on the
 * messaging thread after the fact, so implementations must be cheap and must not throw; the
 * default methods do nothing.
 */
public interface IpcTrafficObserver {

    /** An observer that does nothing. */
    IpcTrafficObserver NONE = new IpcTrafficObserver() {
    };

    /** {@code bytes} wire bytes were sent to {@code destination}. */
    default void sent(IpcDestination destination, int bytes) {
    }

    /**
     * {@code bytes} wire bytes were received from {@code destination}, by the listener with
     * {@code listenerId}, or by a template call when it is null.
     */
    default void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
    }

    /**
     * A send to {@code destination} failed (template, {@code listenerId} null), or a received
     * message failed in the listener with {@code listenerId} after its retries.
     */
    default void failed(IpcDestination destination, @Nullable String listenerId) {
    }

    /**
     * A reply came on {@code replies} after its caller had given up (timed out), and was dropped;
     * {@code IpcTemplate.getLateReplies()} counts these too.
     */
    default void lateReply(IpcDestination replies) {
    }

    /**
     * A send to {@code destination} met {@code limit}: {@link IpcLimit#QUEUE_FULL} when the queue
     * had no room (the sender then waits for it), any other when the send failed with an
     * {@link dev.springipc.core.IpcLimitExceededException} (and {@link #failed} follows).
     */
    default void limitReached(IpcDestination destination, IpcLimit limit) {
    }

    /** One observer that tells each of {@code observers} in turn; {@link #NONE} for none. */
    static IpcTrafficObserver of(List<? extends IpcTrafficObserver> observers) {
        if (observers.isEmpty()) {
            return NONE;
        }
        if (observers.size() == 1) {
            return observers.get(0);
        }
        IpcTrafficObserver[] all = observers.toArray(new IpcTrafficObserver[0]);
        return new IpcTrafficObserver() {

            @Override
            public void sent(IpcDestination destination, int bytes) {
                for (IpcTrafficObserver observer : all) {
                    observer.sent(destination, bytes);
                }
            }

            @Override
            public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
                for (IpcTrafficObserver observer : all) {
                    observer.received(destination, bytes, listenerId);
                }
            }

            @Override
            public void failed(IpcDestination destination, @Nullable String listenerId) {
                for (IpcTrafficObserver observer : all) {
                    observer.failed(destination, listenerId);
                }
            }

            @Override
            public void limitReached(IpcDestination destination, IpcLimit limit) {
                for (IpcTrafficObserver observer : all) {
                    observer.limitReached(destination, limit);
                }
            }

            @Override
            public void lateReply(IpcDestination replies) {
                for (IpcTrafficObserver observer : all) {
                    observer.lateReply(replies);
                }
            }
        };
    }
}
