package dev.springipc.messaging;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcShmQueue;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends and receives Spring {@link Message}s over the queues and FIFOs declared under
 * {@code ipc.*}, addressed by key (bean name). Payloads are converted by a
 * {@link MessageConverter} (by default {@link IpcMessageConverter}); the destination's
 * {@link WireFormat} decides whether headers travel. The receiving methods return {@code null}
 * on timeout. Thread-safe.
 * <p>
 * Request-reply: the waiting callers of a reply destination read it in turn, the one reading
 * handing each reply to the caller waiting for its correlation id, so concurrent callers have
 * their requests in flight together and a lone caller takes its own reply without a thread
 * hand-off. The template is a {@link SmartLifecycle} that stops first: callers still waiting when
 * the application stops get an {@link IllegalStateException} saying so.
 */
public class IpcTemplate implements IpcOperations, SmartLifecycle {

    private static final Log logger = LogFactory.getLog(IpcTemplate.class);

    /** How long {@link #stop()} waits for the caller reading a reply destination to let go of it. */
    private static final Duration REPLY_CONSUMER_STOP_TIMEOUT = Duration.ofSeconds(2);

    private final IpcDestinationResolver destinations;

    private final MessageConverter converter;

    private final IpcWireCodec codec;

    /** Writes String and byte[] payloads without headers as the full path would; null with another converter or codec. */
    private final @Nullable IpcSimplePayloadEncoder simplePayloads;

    private final Map<String, IpcReplyConsumer> replyConsumers = new ConcurrentHashMap<>();

    /** Starts every correlation id of this template: tells its own late replies from misrouted ones. */
    private final String correlationPrefix = ProcessHandle.current().pid() + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";

    private final AtomicLong correlationIds = new AtomicLong();

    private final AtomicLong lateReplies = new AtomicLong();

    private final AtomicLong misroutedReplies = new AtomicLong();

    private final Object lifecycleMonitor = new Object();

    private volatile boolean stopped;

    private @Nullable String defaultDestination;

    private @Nullable String replyQueue;

    private @Nullable String namespace;

    /** The temporary reply queue of this template, created on the first request without a reply queue. */
    private @Nullable IpcDestination temporaryReplies;

    /** This instance's claim of the declared reply queue, taken on the first request that uses it. */
    private @Nullable IpcReplyQueueClaim replyQueueClaim;

    /** Where replies to requests without an explicit reply destination come, once decided; reset by {@link #stop()}. */
    private @Nullable IpcDestination replies;

    private Duration receiveTimeout = Duration.ofSeconds(5);

    private IpcTrafficObserver trafficObserver = IpcTrafficObserver.NONE;

    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    private @Nullable IpcSenderObservationConvention observationConvention;

    public IpcTemplate(IpcDestinationResolver destinations, MessageConverter converter, IpcWireCodec codec) {
        this.destinations = destinations;
        this.converter = converter;
        this.codec = codec;
        this.simplePayloads = IpcSimplePayloadEncoder.of(converter, codec);
    }

    /** The key used by the methods without one. */
    public void setDefaultDestination(@Nullable String defaultDestination) {
        this.defaultDestination = defaultDestination;
    }

    public @Nullable String getDefaultDestination() {
        return this.defaultDestination;
    }

    /**
     * Key of the queue or FIFO (envelope format) replies to {@link #convertSendAndReceive} come
     * back on; without one, the template uses a temporary reply queue of its own (see
     * {@link #setNamespace}). The first request claims the reply queue for this instance
     * ({@code /dev/shm/<os name>.reply-claim}, a record lock the kernel drops when the process
     * dies); a second running instance with the same reply queue cannot claim it and uses a
     * temporary reply queue instead (one WARN line names both), so neither takes the other's replies.
     */
    public void setReplyQueue(@Nullable String replyQueue) {
        this.replyQueue = replyQueue;
    }

    public @Nullable String getReplyQueue() {
        return this.replyQueue;
    }

    /**
     * The namespace of this template's temporary reply queue
     * ({@code /<namespace>.reply.<pid>.<start millis>.<n>}, a shm ring with mode 0600, created on
     * the first request without a reply queue, removed by {@link #stop()}, and by
     * {@link #reclaimStaleTemporaryReplyQueues()} of any application of the namespace after a
     * crash). Without a namespace a request needs a reply queue.
     */
    public void setNamespace(@Nullable String namespace) {
        this.namespace = namespace;
    }

    /** Removes the temporary reply queues of the namespace whose process is gone; returns how many. */
    public int reclaimStaleTemporaryReplyQueues() {
        return (this.namespace != null) ? IpcTemporaryReplyQueues.reclaimStale(this.namespace) : 0;
    }

    /** The temporary reply queue, if this template created one and has not stopped since. */
    public @Nullable IpcDestination getTemporaryReplyQueue() {
        synchronized (this.lifecycleMonitor) {
            return this.temporaryReplies;
        }
    }

    /** Timeout of the methods without one; default 5 s. */
    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    /** Told of every message sent and received (metrics, the {@code ipc} endpoint); default none. */
    public void setTrafficObserver(IpcTrafficObserver trafficObserver) {
        this.trafficObserver = trafficObserver;
    }

    /**
     * Where sends are observed ({@link IpcObservation#SEND}, trace context into the envelope);
     * default {@link ObservationRegistry#NOOP}, which costs nothing per message.
     */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
    }

    /** Replaces {@link DefaultIpcSenderObservationConvention}. */
    public void setObservationConvention(@Nullable IpcSenderObservationConvention observationConvention) {
        this.observationConvention = observationConvention;
    }

    /**
     * Runs {@code handling} of a message that {@code receiverId} (e.g. an inbound channel adapter)
     * received from {@code destination} on its own, observed as the template observes: counted by
     * the traffic observer (a failure of {@code handling} as failed) and, when observations are on,
     * inside an {@link IpcObservation#RECEIVE} observation that continues the sender's trace.
     */
    public void observeReceived(IpcDestination destination, Message<?> message, int wireBytes, String receiverId,
            Runnable handling) {
        this.trafficObserver.received(destination, wireBytes, receiverId);
        try {
            if (this.observationRegistry.isNoop()) {
                handling.run();
            }
            else {
                IpcObservation.RECEIVE
                    .observation(null, DefaultIpcReceiverObservationConvention.INSTANCE,
                            () -> new IpcReceiverContext(destination, message, receiverId), this.observationRegistry)
                    .observe(handling);
            }
        }
        catch (RuntimeException ex) {
            this.trafficObserver.failed(destination, receiverId);
            throw ex;
        }
    }

    /** The direct encoder of simple payloads, or null with another converter or codec. */
    @Nullable IpcSimplePayloadEncoder simplePayloads() {
        return this.simplePayloads;
    }

    ObservationRegistry observationRegistry() {
        return this.observationRegistry;
    }

    public MessageConverter getMessageConverter() {
        return this.converter;
    }

    public IpcDestinationResolver getDestinationResolver() {
        return this.destinations;
    }

    public IpcWireCodec getWireCodec() {
        return this.codec;
    }

    /** Timeout of the methods without one. */
    public Duration getReceiveTimeout() {
        return this.receiveTimeout;
    }

    /** Sends {@code message} to the default destination. */
    @Override
    public void send(Message<?> message) {
        send(requireDefaultDestination(), message);
    }

    /**
     * Sends {@code message} to {@code key}: a {@code byte[]} payload as is, any other payload
     * converted first. Headers {@link IpcHeaders#PRIORITY} and {@link IpcHeaders#TYPE} set the
     * POSIX priority and System V type. A full queue makes it wait for room (back-pressure),
     * which the traffic observer is told of once ({@link IpcTrafficObserver#limitReached}).
     */
    @Override
    public void send(String key, Message<?> message) {
        send(this.destinations.resolve(key), message);
    }

    /** Sends {@code message} to {@code destination}, as {@link #send(String, Message)} does. */
    @Override
    public void send(IpcDestination destination, Message<?> message) {
        if (this.observationRegistry.isNoop()) {
            sendObserved(destination, message);
            return;
        }
        IpcTemplateObservations.observeSend(this.observationRegistry, this.observationConvention, destination, message,
                (traced) -> sendObserved(destination, traced));
    }

    private void sendObserved(IpcDestination destination, Message<?> message) {
        Message<byte[]> bytes = toBytes(message);
        byte[] wire = this.codec.encode(bytes, destination.wireFormat());
        try {
            sendWire(destination, wire, intHeader(bytes, IpcHeaders.PRIORITY), longHeader(bytes, IpcHeaders.TYPE));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MessagingException(message, "Interrupted while sending to '" + destination.key() + "'", ex);
        }
    }

    /**
     * Sends encoded {@code wire} bytes, counted: a full queue is back-pressure, not an error,
     * counted once, then the send waits for room; a kernel limit is counted and thrown.
     */
    void sendWire(IpcDestination destination, byte[] wire, int priority, long type) throws InterruptedException {
        try {
            if (!destination.offer(wire, priority, type)) {
                this.trafficObserver.limitReached(destination, IpcLimit.QUEUE_FULL);
                destination.send(wire, priority, type);
            }
            this.trafficObserver.sent(destination, wire.length);
        }
        catch (IpcLimitExceededException ex) {
            this.trafficObserver.limitReached(destination, ex.limit());
            this.trafficObserver.failed(destination, null);
            throw ex;
        }
        catch (RuntimeException | InterruptedException ex) {
            this.trafficObserver.failed(destination, null);
            throw ex;
        }
    }

    /** Converts {@code payload} and sends it to the default destination. */
    @Override
    public void convertAndSend(Object payload) {
        convertAndSend(requireDefaultDestination(), payload);
    }

    /**
     * Converts {@code payload} and sends it to {@code key}. A {@code String} or {@code byte[]}
     * with the default converter and codec and no observations is written straight to the wire
     * (the same bytes, without a {@code Message} on the way).
     */
    @Override
    public void convertAndSend(String key, Object payload) {
        IpcSimplePayloadEncoder simple = this.simplePayloads;
        if (simple != null && (payload instanceof String || payload instanceof byte[])
                && this.observationRegistry.isNoop()) {
            sendSimple(this.destinations.resolve(key), simple, payload);
            return;
        }
        convertAndSend(key, payload, Map.of());
    }

    private void sendSimple(IpcDestination destination, IpcSimplePayloadEncoder simple, Object payload) {
        try {
            sendWire(destination, simple.encode(payload, destination.wireFormat()), 0, 0);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MessagingException("Interrupted while sending to '" + destination.key() + "'", ex);
        }
    }

    /** Converts {@code payload} and sends it to {@code key} with {@code headers}. */
    @Override
    public void convertAndSend(String key, Object payload, Map<String, ?> headers) {
        send(key, convert(payload, headers));
    }

    /** Receives from the default destination, waiting at most the receive timeout; null if none came. */
    @Override
    public @Nullable Message<byte[]> receive() {
        return receive(requireDefaultDestination(), this.receiveTimeout);
    }

    /**
     * Receives the next message from {@code key}, waiting at most {@code timeout}: payload
     * {@code byte[]}, headers from the envelope (if any) and {@link IpcHeaders}. Null on timeout.
     */
    @Override
    public @Nullable Message<byte[]> receive(String key, Duration timeout) {
        return receive(this.destinations.resolve(key), timeout);
    }

    /** Receives the next message from {@code destination}, as {@link #receive(String, Duration)} does. */
    public @Nullable Message<byte[]> receive(IpcDestination destination, Duration timeout) {
        Optional<IpcMessage> received = receiveFrom(destination, timeout);
        return received.map((message) -> this.codec.decode(message, destination)).orElse(null);
    }

    /** Receives from {@code key} and converts the payload to {@code type}; null on timeout. */
    @Override
    public <T> @Nullable T receiveAndConvert(String key, Class<T> type, Duration timeout) {
        Message<byte[]> message = receive(key, timeout);
        return (message != null) ? convertPayload(message, type) : null;
    }

    /**
     * Sends {@code request} to {@code key} with a new correlation id and the reply queue (else
     * this template's temporary reply queue) as reply-to, then waits at most {@code timeout} for the reply with that correlation id and
     * converts it to {@code replyType}; null on timeout. Both destinations need the envelope
     * wire format. Concurrent calls are in flight together; a reply that matches no waiting
     * request (a late one) is logged, counted ({@link #getLateReplies()}) and dropped.
     */
    @Override
    public <T> @Nullable T convertSendAndReceive(String key, Object request, Class<T> replyType, Duration timeout) {
        IpcDestination requests = this.destinations.resolve(key);
        IpcSimplePayloadEncoder simple = this.simplePayloads;
        Message<byte[]> reply;
        if (simple != null && (request instanceof String || request instanceof byte[])
                && this.observationRegistry.isNoop()) {
            // The full path's wire bytes, written straight from the payload.
            IpcDestination replies = replies(requests);
            reply = exchange(requireEnvelope(requests, "request"), requireEnvelope(replies, "reply"), timeout,
                    (consumer, correlationId) -> sendWire(requests,
                            simple.encodeRequest(request, correlationId.getBytes(StandardCharsets.US_ASCII),
                                    consumer.replyTo()), 0, 0));
        }
        else {
            reply = sendAndReceive(requests, convert(request, Map.of()), timeout);
        }
        return (reply != null) ? convertPayload(reply, replyType) : null;
    }

    /**
     * Sends {@code request} (converted unless its payload is {@code byte[]}) to {@code requests}
     * with a new correlation id and {@code replies} as reply-to, then waits at most
     * {@code timeout} for the reply with that correlation id; null on timeout. Both destinations
     * need the envelope wire format. Concurrent calls are in flight together, their replies
     * matched by correlation id; a reply that matches no waiting request is logged, counted
     * ({@link #getLateReplies()}, {@link #getMisroutedReplies()}) and dropped.
     * @throws IllegalStateException when the template stops (the application is stopping)
     * before the reply came
     */
    @Override
    public @Nullable Message<byte[]> sendAndReceive(IpcDestination requests, IpcDestination replies,
            Message<?> request, Duration timeout) {
        return exchange(requireEnvelope(requests, "request"), requireEnvelope(replies, "reply"), timeout,
                (consumer, correlationId) -> send(requests, MessageBuilder.fromMessage(toBytes(request))
                    .setHeader(IpcHeaders.CORRELATION_ID, correlationId)
                    .setHeader(IpcHeaders.REPLY_TO, replies.key())
                    .build()));
    }

    /** Writes one request with the correlation id it is given. */
    @FunctionalInterface
    private interface RequestWriter {

        void write(IpcReplyConsumer consumer, String correlationId) throws InterruptedException;
    }

    private @Nullable Message<byte[]> exchange(IpcDestination requests, IpcDestination replies, Duration timeout,
            RequestWriter writer) {
        IpcReplyConsumer consumer = replyConsumer(replies, requests);
        String correlationId = this.correlationPrefix + this.correlationIds.incrementAndGet();
        long deadline = System.nanoTime() + timeout.toNanos();
        IpcReplyConsumer.Call call = consumer.expect(correlationId);
        boolean sent = false;
        Message<byte[]> received = null;
        try {
            writer.write(consumer, correlationId);
            sent = true;
            received = consumer.await(call, deadline);
            return received;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
        finally {
            if (received == null && !consumer.forget(call, sent) && call.isAnswered()) {
                // The reply came just as the caller gave up: it is lost to it, so count it as late.
                this.lateReplies.incrementAndGet();
                this.trafficObserver.lateReply(replies);
            }
        }
    }

    /**
     * Sends {@code request} to {@code requests} and waits for its reply on the reply queue, or
     * without one on this template's temporary reply queue; as
     * {@link #sendAndReceive(IpcDestination, IpcDestination, Message, Duration)} otherwise.
     */
    public @Nullable Message<byte[]> sendAndReceive(IpcDestination requests, Message<?> request, Duration timeout) {
        return sendAndReceive(requests, replies(requests), request, timeout);
    }

    /**
     * The claim file of the declared reply queue while this template holds it: null before the
     * first request, after {@link #stop()}, without a reply queue, and when another instance
     * holds it (then the requests use the temporary reply queue).
     */
    public @Nullable Path getReplyQueueClaim() {
        synchronized (this.lifecycleMonitor) {
            IpcReplyQueueClaim claim = this.replyQueueClaim;
            return (claim != null) ? claim.file() : null;
        }
    }

    /** The reply queue if this instance can claim it, else the temporary reply queue; decided once per start. */
    private IpcDestination replies(IpcDestination requests) {
        synchronized (this.lifecycleMonitor) {
            if (this.stopped) {
                throw stopping(requests);
            }
            IpcDestination decided = this.replies;
            if (decided != null) {
                return decided;
            }
            String replyKey = this.replyQueue;
            if (replyKey == null) {
                decided = temporaryReplies(requests);
            }
            else {
                IpcDestination declared = requireEnvelope(this.destinations.resolve(replyKey), "reply");
                IpcReplyQueueClaim claim = IpcReplyQueueClaim.tryClaim(declared);
                if (claim != null) {
                    this.replyQueueClaim = claim;
                    decided = declared;
                }
                else {
                    String holder = IpcReplyQueueClaim.holderOf(declared);
                    decided = temporaryReplies(requests);
                    logger.warn("The reply queue '" + replyKey + "' (" + declared.resource().name() + ") is claimed by "
                            + holder + " (another running instance with the same ipc.template.reply-queue, see "
                            + IpcReplyQueueClaim.fileOf(declared) + "): this instance takes its replies on its"
                            + " temporary reply queue '" + decided.key() + "' instead, so neither takes the other's");
                }
            }
            this.replies = decided;
            return decided;
        }
    }

    /** Replies dropped because their caller had timed out (or was interrupted) before they came. */
    public long getLateReplies() {
        return this.lateReplies.get();
    }

    /**
     * Replies dropped because another requester asked for them: they reached the wrong instance
     * (a bug: instances of one application claim a declared reply queue, so it takes another
     * application, or a process that is no such instance, on the same reply queue).
     */
    public long getMisroutedReplies() {
        return this.misroutedReplies.get();
    }

    private IpcReplyConsumer replyConsumer(IpcDestination replies, IpcDestination requests) {
        synchronized (this.lifecycleMonitor) {
            if (this.stopped) {
                throw stopping(requests);
            }
            return this.replyConsumers.computeIfAbsent(replies.key(), (key) -> new IpcReplyConsumer(replies,
                    this.correlationPrefix, this.codec, this.trafficObserver, this.lateReplies, this.misroutedReplies));
        }
    }

    private IpcDestination temporaryReplies(IpcDestination requests) {
        synchronized (this.lifecycleMonitor) {
            if (this.stopped) {
                throw stopping(requests);
            }
            if (this.temporaryReplies == null) {
                String ns = this.namespace;
                if (ns == null) {
                    throw new IllegalStateException("No reply queue for a request to '" + requests.key()
                            + "': set ipc.template.reply-queue to the key of a queue or FIFO with wire-format: envelope,"
                            + " or give the template a namespace for a temporary reply queue");
                }
                IpcTemporaryReplyQueues.reclaimStale(ns);
                IpcShmQueue ring = IpcTemporaryReplyQueues.create(ns);
                String name = IpcTemporaryReplyQueues.SCHEME + ring.name();
                this.temporaryReplies = IpcDestination.of(name, ring, WireFormat.ENVELOPE, null,
                        "the temporary reply queue " + name);
            }
            return this.temporaryReplies;
        }
    }

    private static IllegalStateException stopping(@Nullable IpcDestination requests) {
        return new IllegalStateException("IpcTemplate is stopped, the application is stopping"
                + ((requests != null) ? ": no reply to the request to '" + requests.key() + "' will be received" : ""));
    }

    /** Accepts requests again after {@link #stop()} (the template starts running). */
    @Override
    public void start() {
        synchronized (this.lifecycleMonitor) {
            this.stopped = false;
        }
    }

    /**
     * Stops the reply consumers and fails the callers still waiting for a reply with an
     * {@link IllegalStateException} saying that the application is stopping; later requests fail
     * the same way until {@link #start()}. Sends and receives without a reply are unaffected.
     * The temporary reply queue is removed and the claim of the declared reply queue released
     * (its claim file removed); the next request after {@link #start()} decides again.
     */
    @Override
    public void stop() {
        synchronized (this.lifecycleMonitor) {
            this.stopped = true;
        }
        for (IpcReplyConsumer consumer : this.replyConsumers.values()) {
            consumer.stop(REPLY_CONSUMER_STOP_TIMEOUT, stopping(null));
        }
        this.replyConsumers.clear();
        IpcDestination temporary;
        IpcReplyQueueClaim claim;
        synchronized (this.lifecycleMonitor) {
            temporary = this.temporaryReplies;
            this.temporaryReplies = null;
            claim = this.replyQueueClaim;
            this.replyQueueClaim = null;
            this.replies = null;
        }
        if (temporary != null) {
            temporary.resource().unlink();
            temporary.resource().close();
        }
        if (claim != null) {
            claim.close(); // after the reply consumer stopped: no reply of ours is taken any more
        }
    }

    @Override
    public boolean isRunning() {
        return !this.stopped;
    }

    /** Stops before the listener containers and the resources, so waiting callers are told first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Converts {@code payload} with {@code headers} to a message with a {@code byte[]} payload. */
    public Message<byte[]> convert(Object payload, Map<String, ?> headers) {
        MessageHeaders messageHeaders = new MessageHeaders(Map.copyOf(headers));
        return convertToBytes(MessageBuilder.createMessage(payload, messageHeaders));
    }

    @SuppressWarnings("unchecked")
    private Message<byte[]> toBytes(Message<?> message) {
        return (message.getPayload() instanceof byte[]) ? (Message<byte[]>) message : convertToBytes(message);
    }

    @SuppressWarnings("unchecked")
    private Message<byte[]> convertToBytes(Message<?> message) {
        Message<?> converted = this.converter.toMessage(message.getPayload(), message.getHeaders());
        if (converted == null || !(converted.getPayload() instanceof byte[])) {
            throw new MessageConversionException(message, "No converter writes a "
                    + message.getPayload().getClass().getName() + " as bytes; add a MessageConverter for it");
        }
        return (Message<byte[]>) converted;
    }

    @SuppressWarnings("unchecked")
    private <T> T convertPayload(Message<byte[]> message, Class<T> type) {
        Object converted = this.converter.fromMessage(message, type);
        if (converted == null) {
            throw new MessageConversionException(message, "Cannot convert the payload from '"
                    + message.getHeaders().get(IpcHeaders.RECEIVED_FROM) + "' to " + type.getName());
        }
        return (T) converted;
    }

    private Optional<IpcMessage> receiveFrom(IpcDestination destination, Duration timeout) {
        try {
            Optional<IpcMessage> received = destination.receive(timeout);
            if (received.isPresent()) {
                this.trafficObserver.received(destination, received.get().payload().length, null);
            }
            return received;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static IpcDestination requireEnvelope(IpcDestination destination, String role) {
        if (destination.wireFormat() != WireFormat.ENVELOPE) {
            throw new IllegalStateException("Request-reply needs the envelope wire format, but the " + role
                    + " destination '" + destination.key() + "' is raw: set " + destination.propertyPath()
                    + ".wire-format: envelope (on both sides)");
        }
        return destination;
    }

    private String requireDefaultDestination() {
        if (this.defaultDestination == null) {
            throw new IllegalStateException("No destination given and no default: set ipc.template.default-destination");
        }
        return this.defaultDestination;
    }

    private static int intHeader(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return (value != null) ? toNumber(name, value).intValue() : 0;
    }

    private static long longHeader(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return (value != null) ? toNumber(name, value).longValue() : 0;
    }

    private static Number toNumber(String name, Object value) {
        if (value instanceof Number number) {
            return number;
        }
        try {
            return Long.parseLong(value.toString());
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Header " + name + " must be a number: " + value, ex);
        }
    }
}
