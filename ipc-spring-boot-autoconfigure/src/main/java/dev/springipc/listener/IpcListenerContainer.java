package dev.springipc.listener;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcEnvelopeView;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageHandler;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcDirectReplies;
import dev.springipc.messaging.IpcReceiveLoop;
import dev.springipc.messaging.IpcWireCodec;
import dev.springipc.messaging.WireFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.messaging.Message;

/**
 * Runs consumers that receive from one queue or FIFO and hand each message to a listener. The
 * threads and the receive loop are an {@link IpcReceiveLoop}'s: each wait is bounded by the
 * receive timeout, so a stop is prompt; a stop lets in-flight messages finish (up to the shutdown
 * timeout) before its callback runs. A failed message is retried by the {@link RetryTemplate},
 * then offered to the error handler, then to the {@link IpcMessageRecoverer} (by default: the
 * dead-letter destination, else a log line); the container keeps running whatever a message
 * contains.
 * <p>
 * A method that takes only its payload ({@code void on(String)}, {@code void on(byte[])},
 * {@code void on(SomeRecord)} from JSON) is invoked directly, without a {@code Message}, header maps or argument resolution (see
 * {@link InPlaceListenerMethod}); on a shm queue in place: the ring hands the consumer up to
 * {@value #IN_PLACE_BATCH} messages per wait straight from shared memory.
 * Counting, retry, error handler and dead letter are the same; a message the in-place path cannot
 * read as the full path would (another charset, an empty or malformed payload), and every message
 * while observations are on, is copied and takes the full path.
 */
public class IpcListenerContainer {

    private final String id;

    private final IpcDestination destination;

    private final IpcWireCodec codec;

    private final IpcMessageListener listener;

    private final RetryTemplate retryTemplate;

    private final @Nullable IpcListenerErrorHandler errorHandler;

    private final IpcMessageRecoverer recoverer;

    private final IpcReceiveLoop loop;

    private final Duration shutdownTimeout;

    private final boolean autoStartup;

    /** Messages a consumer takes per wait on the in-place path: amortises the wait, changes no order. */
    static final int IN_PLACE_BATCH = 64;

    private final @Nullable InPlaceListenerMethod inPlace;

    /** How the in-place path sends what a replying method returned. */
    private final @Nullable IpcDirectReplies directReplies;

    private final @Nullable String sendTo;

    private final AtomicLong received = new AtomicLong();

    /** Messages delivered on the in-place path (a test seam: shows which path a listener takes). */
    private final AtomicLong inPlaceDeliveries = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong deadLettered = new AtomicLong();

    private IpcListenerObservation observation = IpcListenerObservation.NONE;

    IpcListenerContainer(String id, IpcDestination destination, IpcWireCodec codec, IpcMessageListener listener,
            RetryTemplate retryTemplate, @Nullable IpcListenerErrorHandler errorHandler,
            IpcMessageRecoverer recoverer, int concurrency, Duration receiveTimeout, Duration shutdownTimeout,
            boolean autoStartup, @Nullable Executor taskExecutor, @Nullable InPlaceListenerMethod inPlace,
            @Nullable IpcDirectReplies directReplies, @Nullable String sendTo) {
        if (inPlace != null && inPlace.replies() && directReplies == null) {
            throw new IllegalArgumentException("A replying in-place method needs direct replies"); // a factory bug
        }
        IpcReceiveLoop.Builder loop = IpcReceiveLoop.builder("Listener '" + id + "'", destination)
            .consumers(concurrency)
            .receiveTimeout(receiveTimeout)
            .recoveryInterval(receiveTimeout)
            .executor(taskExecutor)
            .threadNamePrefix("ipc-listener-" + id + "-")
            .handler((inPlace != null) ? this::processDirect : this::process);
        if (inPlace != null) {
            loop.inPlaceHandler(InPlaceConsumer::new, IN_PLACE_BATCH);
        }
        this.loop = loop.build();
        this.inPlace = inPlace;
        this.directReplies = directReplies;
        this.sendTo = sendTo;
        this.id = id;
        this.destination = destination;
        this.codec = codec;
        this.listener = listener;
        this.retryTemplate = retryTemplate;
        this.errorHandler = errorHandler;
        this.recoverer = recoverer;
        this.shutdownTimeout = shutdownTimeout;
        this.autoStartup = autoStartup;
    }

    /** How this container's traffic and handling are observed; set before it starts. */
    void setObservation(IpcListenerObservation observation) {
        this.observation = observation;
    }

    public String getId() {
        return this.id;
    }

    /** Key of the queue or FIFO this container reads. */
    public String getKey() {
        return this.destination.key();
    }

    public int getConcurrency() {
        return this.loop.getConsumers();
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public boolean isRunning() {
        return this.loop.isRunning();
    }

    /** Messages received, whatever became of them. */
    public long getReceivedCount() {
        return this.received.get();
    }

    /** Messages delivered in place (see the class comment); package-private, for tests. */
    long getInPlaceDeliveryCount() {
        return this.inPlaceDeliveries.get();
    }

    /** Messages that failed after their retries (dead-lettered, handled by the error handler, or logged). */
    public long getFailedCount() {
        return this.failed.get();
    }

    /** Failed messages sent to the dead-letter destination. */
    public long getDeadLetteredCount() {
        return this.deadLettered.get();
    }

    public void start() {
        this.loop.start();
    }

    /** Stops and waits until in-flight messages are done (up to the shutdown timeout). */
    public void stop() {
        this.loop.stop(this.shutdownTimeout);
    }

    /**
     * Stops receiving and runs {@code callback} once every consumer finished its in-flight
     * message, or the shutdown timeout ({@code ipc.listener.shutdown-timeout}) passed and the
     * rest were interrupted.
     */
    public void stop(Runnable callback) {
        this.loop.stop(this.shutdownTimeout, callback);
    }

    // One received message, on its consumer thread: decode, invoke with retry, then recover.
    private void process(IpcMessage original) {
        this.received.incrementAndGet();
        this.observation.traffic().received(this.destination, original.payload().length, this.id);
        Message<byte[]> message = null;
        try {
            message = this.codec.decode(original, this.destination);
            Message<byte[]> decoded = message;
            this.observation.observeReceive(this.destination, decoded, this.id, () -> this.retryTemplate.execute(() -> {
                this.listener.onMessage(decoded);
                return null;
            }));
        }
        catch (RetryException ex) {
            failed(original, message, ex.getLastException());
        }
        catch (RuntimeException | Error ex) {
            failed(original, message, ex);
        }
    }

    /**
     * One consumer's in-place delivery: its reusable envelope view, text buffer and argument, so
     * a message allocates only its payload object. Runs on that consumer's thread alone.
     */
    private final class InPlaceConsumer implements IpcMessageHandler, Retryable<@Nullable Object> {

        private final IpcEnvelopeView envelope = new IpcEnvelopeView();

        private final byte[] scratch = new byte[((IpcShmQueue) IpcListenerContainer.this.destination.resource())
            .maxMessageSize()];

        private final IpcDirectReplies.@Nullable Targets targets = (IpcListenerContainer.this.directReplies != null)
                ? IpcListenerContainer.this.directReplies.targets() : null;

        private @Nullable Object argument;

        private @Nullable ByteBuffer buffer;

        @Override
        public void onMessage(ByteBuffer buffer, int offset, int length, int tag) {
            IpcListenerContainer.this.processInPlace(this, buffer, offset, length, tag);
        }

        @Override
        public @Nullable Object execute() throws Throwable {
            InPlaceListenerMethod method = IpcListenerContainer.this.inPlace;
            Object value = this.argument;
            ByteBuffer request = this.buffer;
            if (method == null || value == null || request == null) {
                throw new IllegalStateException("No in-place delivery under way"); // unreachable
            }
            Object result = method.invoke(value);
            if (result != null) {
                reply(result, this.envelope, request, this.targets);
            }
            return null;
        }
    }

    // One message in the ring's memory, on its consumer thread; must not throw (the loop's contract).
    private void processInPlace(InPlaceConsumer consumer, ByteBuffer buffer, int offset, int length, int tag) {
        Object argument = directArgument(consumer.envelope, buffer, offset, length, consumer.scratch);
        if (argument == null) {
            process(copy(buffer, offset, length, tag)); // the full path reads it, or names what is wrong
            return;
        }
        consumer.argument = argument;
        consumer.buffer = buffer;
        try {
            invokeDirect(consumer, buffer, offset, length, tag, null);
        }
        finally {
            consumer.argument = null;
            consumer.buffer = null;
        }
    }

    // One received message of another destination (POSIX, System V, FIFO, pipe) for a payload-only method.
    private void processDirect(IpcMessage original) {
        byte[] wire = original.payload();
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        IpcEnvelopeView envelope = new IpcEnvelopeView();
        Object argument = directArgument(envelope, buffer, 0, wire.length, null);
        InPlaceListenerMethod method = this.inPlace;
        if (argument == null || method == null) {
            process(original);
            return;
        }
        invokeDirect(() -> {
            Object result = method.invoke(argument);
            if (result != null) {
                IpcDirectReplies replies = this.directReplies;
                reply(result, envelope, buffer, (replies != null) ? replies.targets() : null);
            }
            return null;
        }, null, 0, wire.length, 0, original);
    }

    /**
     * Sends what a replying method returned as the full path's adapter does
     * ({@link MessagingIpcListenerAdapter}): to the request's reply-to, else to {@code @SendTo},
     * with the request's correlation id; a failure is an {@link IpcListenerReplyException}.
     */
    private void reply(Object result, IpcEnvelopeView request, ByteBuffer buffer,
            IpcDirectReplies.@Nullable Targets targets) {
        IpcDirectReplies replies = this.directReplies;
        if (replies == null || targets == null) {
            throw new IllegalStateException("No direct replies for a replying method"); // unreachable
        }
        // A raw request was not wrapped: it has neither reply-to nor correlation id.
        boolean enveloped = this.destination.wireFormat() == WireFormat.ENVELOPE;
        try {
            IpcDestination to;
            if (enveloped && request.hasReplyTo()) {
                to = targets.resolveReplyTo(request, buffer);
            }
            else if (this.sendTo != null) {
                to = targets.resolve(this.sendTo);
            }
            else {
                throw IpcListenerReplyException.noReplyTarget(this.id, this.destination.key());
            }
            boolean correlated = enveloped && request.hasCorrelationId();
            replies.reply(to, result, buffer, correlated ? request.correlationIdOffset() : 0,
                    correlated ? request.correlationIdLength() : -1);
        }
        catch (RuntimeException ex) {
            throw IpcListenerReplyException.of(this.id, ex);
        }
    }

    /**
     * The argument the full path would resolve for the payload-only method, read from
     * {@code buffer[offset, offset + length)}; null when only the full path can tell (observations on,
     * a content type to parse, a malformed envelope, an empty payload, which argument resolution refuses).
     */
    private @Nullable Object directArgument(IpcEnvelopeView envelope, ByteBuffer buffer, int offset, int length,
            byte @Nullable [] scratch) {
        InPlaceListenerMethod method = this.inPlace;
        if (method == null || !this.observation.registry().isNoop()) {
            return null;
        }
        int payloadOffset = offset;
        int payloadLength = length;
        boolean contentType = false;
        if (this.destination.wireFormat() == WireFormat.ENVELOPE) {
            if (!envelope.wrap(buffer, offset, length) || !method.takesContentType(envelope)) {
                return null;
            }
            payloadOffset = envelope.payloadOffset();
            payloadLength = envelope.payloadLength();
            contentType = envelope.hasContentType();
        }
        if (payloadLength == 0) {
            return null;
        }
        return method.argument(buffer, payloadOffset, payloadLength, scratch, contentType);
    }

    /**
     * Counts, invokes with retry and handles a failure as {@link #process} does; the failed
     * message is {@code original}, else a copy of {@code buffer[offset, offset + length)} (taken
     * only on failure: a capturing lambda per message would be an allocation per message).
     */
    private void invokeDirect(Retryable<@Nullable Object> invocation, @Nullable ByteBuffer buffer, int offset,
            int length, int tag, @Nullable IpcMessage original) {
        this.received.incrementAndGet();
        this.observation.traffic().received(this.destination, length, this.id);
        this.inPlaceDeliveries.incrementAndGet();
        Throwable failure;
        try {
            invokeWithRetry(invocation);
            return;
        }
        catch (RetryException ex) {
            failure = ex.getLastException();
        }
        catch (RuntimeException | Error ex) {
            failure = ex;
        }
        IpcMessage failed = (original != null) ? original
                : copy(java.util.Objects.requireNonNull(buffer, "buffer"), offset, length, tag);
        failedInPlace(failed, failure);
    }

    /**
     * Runs {@code invocation} with the retry template's attempts, back-off and predicate, but
     * calls it directly first: only a failure pays for the template (its state and logging per
     * call), which then counts that failure as its first attempt.
     */
    private void invokeWithRetry(Retryable<@Nullable Object> invocation) throws RetryException {
        Throwable first;
        try {
            invocation.execute();
            return;
        }
        catch (Throwable ex) {
            first = ex;
        }
        this.retryTemplate.execute(new RetryAfterFirstFailure(first, invocation));
    }

    /** The first attempt, failed already, then {@code invocation} again for each retry. */
    private static final class RetryAfterFirstFailure implements Retryable<@Nullable Object> {

        private @Nullable Throwable first;

        private final Retryable<@Nullable Object> invocation;

        RetryAfterFirstFailure(Throwable first, Retryable<@Nullable Object> invocation) {
            this.first = first;
            this.invocation = invocation;
        }

        @Override
        public @Nullable Object execute() throws Throwable {
            Throwable failure = this.first;
            if (failure != null) {
                this.first = null;
                throw failure;
            }
            return this.invocation.execute();
        }
    }

    /** A failure on the in-place path, handled as the full path does, with the Message it would have had. */
    private void failedInPlace(IpcMessage original, Throwable failure) {
        Message<byte[]> message = null;
        try {
            message = this.codec.decode(original, this.destination);
        }
        catch (RuntimeException ex) {
            // the in-place path read it, so the full decode cannot fail; the handler gets null if it did
        }
        failed(original, message, failure);
    }

    /** The message in the ring's memory as an {@link IpcMessage} of its own, as the full path receives it. */
    private static IpcMessage copy(ByteBuffer buffer, int offset, int length, int tag) {
        byte[] wire = new byte[length];
        buffer.get(offset, wire, 0, length);
        return IpcMessage.withPriority(wire, tag);
    }

    private void failed(IpcMessage original, @Nullable Message<byte[]> message, Throwable failure) {
        this.failed.incrementAndGet();
        this.observation.traffic().failed(this.destination, this.id);
        Throwable last = failure;
        if (this.errorHandler != null) {
            try {
                this.errorHandler.handleError(message, failure);
                return;
            }
            catch (Throwable ex) {
                last = ex;
            }
        }
        if (this.recoverer.recover(this.id, this.destination, original, last)) {
            this.deadLettered.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "IpcListenerContainer[" + this.id + " on '" + this.destination.key() + "', concurrency "
                + getConcurrency() + (isRunning() ? ", running]" : "]");
    }
}
