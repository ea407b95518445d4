package dev.springipc.cloud.stream.binder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;

import dev.springipc.messaging.WireFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.integration.core.RecoveryCallback;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;

/**
 * The consumer side of a binding: {@code concurrency} threads per queue receive envelopes,
 * decode them into {@code Message<byte[]>} with their headers and send them to the binding's
 * channel, retrying with the binding's {@link RetryTemplate} and handing a message that still
 * fails to the recoverer (the error channel, and the dead-letter queue when enabled).
 * <p>
 * Delivery is at most once: a message leaves the queue when a thread receives it. Stopping
 * lets each thread finish the message it holds; a receive waits at most {@code pollTimeout}.
 */
final class QueueInboundEndpoint extends MessageProducerSupport {

    private static final Log log = LogFactory.getLog(QueueInboundEndpoint.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final List<IpcDestination> sources;

    private final int concurrency;

    private final Duration pollTimeout;

    private final BinderWireCodec codec;

    private final IpcTrafficObserver observer;

    private final String bindingName;

    private @Nullable RetryTemplate retryTemplate;

    private @Nullable RecoveryCallback<?> recoveryCallback;

    private final List<Thread> threads = new ArrayList<>();

    private volatile boolean receiving;

    QueueInboundEndpoint(List<IpcDestination> sources, int concurrency, Duration pollTimeout, BinderWireCodec codec,
            IpcTrafficObserver observer, String bindingName) {
        this.sources = List.copyOf(sources);
        this.concurrency = Math.max(1, concurrency);
        this.pollTimeout = pollTimeout;
        this.codec = codec;
        this.observer = observer;
        this.bindingName = bindingName;
    }

    /** Retries each message with {@code retryTemplate}, then hands it to {@code recoveryCallback}. */
    void setRetry(RetryTemplate retryTemplate, RecoveryCallback<?> recoveryCallback) {
        this.retryTemplate = retryTemplate;
        this.recoveryCallback = recoveryCallback;
    }

    @Override
    protected void doStart() {
        this.receiving = true;
        for (IpcDestination source : this.sources) {
            for (int i = 0; i < this.concurrency; i++) {
                Thread thread = new Thread(() -> receiveLoop(source),
                        "ipc-binder-" + this.bindingName + "-" + source.key() + "-" + i);
                thread.setDaemon(true);
                this.threads.add(thread);
                thread.start();
            }
        }
    }

    @Override
    protected void doStop() {
        this.receiving = false;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : this.threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (thread.isAlive()) {
                    log.warn("Receiver thread " + thread.getName() + " still handles a message after " + STOP_WAIT
                            + "; interrupting it");
                    thread.interrupt();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        this.threads.clear();
    }

    private void receiveLoop(IpcDestination source) {
        while (this.receiving) {
            Optional<IpcMessage> received;
            try {
                received = source.channel().receive(this.pollTimeout);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (IpcClosedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                log.error("Receiving from " + source.key() + " failed; retrying in " + this.pollTimeout, ex);
                pause();
                continue;
            }
            received.ifPresent((message) -> deliver(source, message));
        }
    }

    private void deliver(IpcDestination source, IpcMessage received) {
        this.observer.received(source, received.payload().length, this.bindingName);
        Message<byte[]> message;
        try {
            message = this.codec.decode(received, source);
        }
        catch (RuntimeException ex) {
            this.observer.failed(source, this.bindingName);
            log.error("Dropped a message from " + source.key() + " that could not be decoded", ex);
            return;
        }
        try {
            if (this.retryTemplate == null || this.recoveryCallback == null) {
                sendMessage(message);
            }
            else {
                try {
                    this.retryTemplate.execute(() -> {
                        sendMessage(message);
                        return null;
                    });
                }
                catch (RetryException ex) {
                    this.observer.failed(source, this.bindingName);
                    this.recoveryCallback.recover(ErrorMessageUtils.getAttributeAccessor(message, null), ex);
                }
            }
        }
        catch (RuntimeException ex) {
            // Already handed to the error channel, whose last handler rethrows: nothing more to do.
            if (this.retryTemplate == null) {
                this.observer.failed(source, this.bindingName);
            }
            log.debug("A message from " + source.key() + " failed", ex);
        }
    }

    private void pause() {
        try {
            Thread.sleep(this.pollTimeout.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String getComponentType() {
        return "ipc:inbound-channel-adapter";
    }

    /** The destinations it reads, for health and meters. */
    List<IpcDestination> sources() {
        return this.sources;
    }

    static IpcDestination source(QueueLease lease, String bindingName) {
        return IpcDestination.of(lease.key(), lease.queue(), WireFormat.ENVELOPE, null,
                "spring.cloud.stream.ipc.bindings." + bindingName + ".consumer");
    }
}
