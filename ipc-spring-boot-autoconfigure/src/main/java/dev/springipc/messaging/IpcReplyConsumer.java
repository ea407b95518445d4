package dev.springipc.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import dev.springipc.core.IpcMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * The one consumer of a reply destination of {@link IpcTemplate}, in the leader/follower
 * pattern: of the callers waiting for a reply, one at a time (the leader) takes replies off the
 * destination and hands each to the caller waiting for its correlation id; the others (the
 * followers) sleep until their reply is handed to them or the leadership is free. So many
 * requests are in flight together, as with the reply listener container of Spring AMQP, and a
 * lone caller takes its own reply with no thread hand-off: the hand-off (a wake-up of some
 * microseconds) was most of a round trip when a consumer thread of its own took every reply.
 * <p>
 * A reply nobody waits for is dropped and counted: late when its correlation id is one of this
 * template's (its caller timed out), misrouted when it belongs to another requester (instances
 * of one application claim a declared reply queue, so that is a bug, or a process that is no
 * such instance uses the queue). With no caller waiting, nobody reads the destination but a
 * drainer that looks every {@value #DRAIN_PERIOD_MILLIS} ms while a timed-out caller's reply may
 * still come (for at most {@link #LATE_REPLY_HORIZON}); other strays are found by the next
 * caller.
 */
final class IpcReplyConsumer {

    private static final Log logger = LogFactory.getLog(IpcReplyConsumer.class);

    /** Bounds a leader's single wait, so it sees a stop (and its own timeout) in time. */
    private static final Duration RECEIVE_SLICE = Duration.ofMillis(250);

    private static final long RECEIVE_SLICE_NANOS = RECEIVE_SLICE.toNanos();

    /** Bounds a follower's sleep should a hand-off of the leadership go to a caller just done. */
    private static final long FOLLOWER_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    static final long DRAIN_PERIOD_MILLIS = 50;

    /** How long after the last timed-out caller the drainer still looks for its late reply. */
    static final Duration LATE_REPLY_HORIZON = Duration.ofMinutes(1);

    private final IpcDestination replies;

    /** The reply-to header value of requests that want their reply here. */
    private final byte[] replyTo;

    private final String correlationPrefix;

    private final IpcWireCodec codec;

    private final IpcTrafficObserver trafficObserver;

    private final AtomicLong lateReplies;

    private final AtomicLong misroutedReplies;

    private final Map<String, Call> waiting = new ConcurrentHashMap<>();

    /** Held by whoever reads the destination: a leading caller, the drainer, or stop for good. */
    private final ReentrantLock leadership = new ReentrantLock();

    /** Timed-out callers whose reply has not come (yet). */
    private final AtomicInteger unansweredTimeouts = new AtomicInteger();

    private volatile long lastTimeoutNanos;

    private final Thread drainer;

    private volatile @Nullable RuntimeException stopped;

    IpcReplyConsumer(IpcDestination replies, String correlationPrefix, IpcWireCodec codec,
            IpcTrafficObserver trafficObserver, AtomicLong lateReplies, AtomicLong misroutedReplies) {
        this.replies = replies;
        this.replyTo = replies.key().getBytes(StandardCharsets.UTF_8);
        this.correlationPrefix = correlationPrefix;
        this.codec = codec;
        this.trafficObserver = trafficObserver;
        this.lateReplies = lateReplies;
        this.misroutedReplies = misroutedReplies;
        this.drainer = new Thread(this::drainLateReplies, "ipc-replies-" + replies.key() + "-drainer");
        this.drainer.setDaemon(true); // a template nobody closes must not keep the JVM alive
        this.drainer.start();
    }

    IpcDestination destination() {
        return this.replies;
    }

    /** The reply-to of requests answered here, UTF-8 (shared: do not modify). */
    byte[] replyTo() {
        return this.replyTo;
    }

    /** Registers a caller for {@code correlationId}; call before sending the request. */
    Call expect(String correlationId) {
        Call call = new Call(correlationId, Thread.currentThread());
        this.waiting.put(correlationId, call);
        RuntimeException reason = this.stopped;
        if (reason != null && this.waiting.remove(correlationId, call)) {
            call.fail(reason); // stopped while this caller registered
        }
        return call;
    }

    /**
     * Waits until {@code call} is answered or {@code deadlineNanos} ({@link System#nanoTime()})
     * passes, leading while the leadership is free; null on timeout.
     * @throws IllegalStateException (the reason given to {@link #stop}) when stopped meanwhile
     * @throws InterruptedException when the caller is interrupted
     */
    @Nullable Message<byte[]> await(Call call, long deadlineNanos) throws InterruptedException {
        try {
            while (!call.isDone()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                if (this.leadership.tryLock()) {
                    try {
                        lead(call, deadlineNanos);
                    }
                    finally {
                        this.leadership.unlock();
                        if (!this.waiting.isEmpty() || this.unansweredTimeouts.get() > 0) {
                            wakeSuccessor();
                        }
                    }
                }
                else {
                    LockSupport.parkNanos(this, Math.min(remaining, FOLLOWER_NAP_NANOS));
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
            return call.result();
        }
        finally {
            if (!this.waiting.isEmpty() && !this.leadership.isLocked()) {
                // Woken to lead just as its own reply came: pass the turn on.
                wakeSuccessor();
            }
        }
    }

    /**
     * The caller of {@code call} gives up (timeout, interrupt, failed send); returns false when
     * its reply was taken meanwhile, which {@code call} then holds. After a sent request its
     * reply may still come: the drainer then looks for it.
     */
    boolean forget(Call call, boolean requestSent) {
        boolean forgotten = this.waiting.remove(call.correlationId, call);
        if (forgotten && requestSent) {
            this.lastTimeoutNanos = System.nanoTime();
            this.unansweredTimeouts.incrementAndGet();
            LockSupport.unpark(this.drainer);
        }
        return forgotten;
    }

    /**
     * Stops for good and fails every waiting caller with {@code reason}; returns when no caller
     * or drainer reads the destination any more (or after {@code shutdownTimeout}), so it can be
     * closed.
     */
    void stop(Duration shutdownTimeout, RuntimeException reason) {
        this.stopped = reason;
        this.waiting.forEach((id, call) -> {
            if (this.waiting.remove(id, call)) {
                call.fail(reason);
            }
        });
        LockSupport.unpark(this.drainer);
        try {
            // Kept: nobody reads the destination after this.
            if (!this.leadership.tryLock(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                logger.warn("A reader of the reply queue '" + this.replies.key() + "' did not stop within "
                        + shutdownTimeout);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes replies off the destination until {@code call}'s came, its deadline or a stop. */
    private void lead(Call call, long deadlineNanos) throws InterruptedException {
        while (!call.isDone()) {
            RuntimeException reason = this.stopped;
            if (reason != null) {
                throw reason;
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            // The whole slice, the common case, without a Duration per wait.
            Optional<IpcMessage> received = this.replies
                .receive((remaining >= RECEIVE_SLICE_NANOS) ? RECEIVE_SLICE : Duration.ofNanos(remaining));
            if (received.isPresent()) {
                handle(received.get());
            }
        }
    }

    /** Wakes a waiting caller to lead, or the drainer when none waits. */
    private void wakeSuccessor() {
        for (Call waiter : this.waiting.values()) {
            if (!waiter.isDone()) {
                LockSupport.unpark(waiter.thread);
                return;
            }
        }
        if (this.unansweredTimeouts.get() > 0) {
            LockSupport.unpark(this.drainer);
        }
    }

    private void drainLateReplies() {
        while (this.stopped == null) {
            if (this.unansweredTimeouts.get() <= 0
                    || System.nanoTime() - this.lastTimeoutNanos > LATE_REPLY_HORIZON.toNanos()) {
                LockSupport.park(this); // until the next timeout, or stop
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(DRAIN_PERIOD_MILLIS));
            if (this.stopped == null && this.waiting.isEmpty() && this.leadership.tryLock()) {
                try {
                    drainAvailable();
                }
                catch (InterruptedException ex) {
                    return;
                }
                catch (RuntimeException ex) {
                    if (this.stopped == null) {
                        logger.warn("Cannot look for late replies on '" + this.replies.key() + "'", ex);
                    }
                }
                finally {
                    this.leadership.unlock();
                    wakeSuccessor();
                }
            }
        }
    }

    private void drainAvailable() throws InterruptedException {
        Optional<IpcMessage> received;
        while (this.stopped == null && (received = this.replies.receive(Duration.ZERO)).isPresent()) {
            handle(received.get());
        }
    }

    private void handle(IpcMessage received) {
        this.trafficObserver.received(this.replies, received.payload().length, null);
        Message<byte[]> reply;
        try {
            reply = this.codec.decode(received, this.replies);
        }
        catch (RuntimeException ex) {
            logger.error("Dropping an undecodable reply on '" + this.replies.key() + "'", ex);
            return;
        }
        Object id = reply.getHeaders().get(IpcHeaders.CORRELATION_ID);
        Call caller = (id != null) ? this.waiting.remove(id.toString()) : null;
        if (caller != null) {
            caller.answer(reply);
        }
        else if (id != null && id.toString().startsWith(this.correlationPrefix)) {
            this.unansweredTimeouts.updateAndGet((n) -> Math.max(n - 1, 0));
            this.lateReplies.incrementAndGet();
            this.trafficObserver.lateReply(this.replies);
            logger.warn("Dropping a late reply on '" + this.replies.key() + "' with correlation id " + id
                    + ": its caller timed out");
        }
        else {
            this.misroutedReplies.incrementAndGet();
            logger.error("Dropping a reply on '" + this.replies.key() + "' with correlation id " + id
                    + " that another requester asked for: a bug, replies reached the wrong instance (instances of"
                    + " one application claim a declared reply queue, so another process that is no such instance"
                    + " reads or writes it; use a temporary reply queue, or a reply queue of its own per application)");
        }
    }

    /** One caller waiting for the reply with its correlation id. */
    static final class Call {

        private final String correlationId;

        private final Thread thread;

        private volatile @Nullable Message<byte[]> reply;

        private volatile @Nullable RuntimeException failure;

        Call(String correlationId, Thread thread) {
            this.correlationId = correlationId;
            this.thread = thread;
        }

        boolean isDone() {
            return this.reply != null || this.failure != null;
        }

        boolean isAnswered() {
            return this.reply != null;
        }

        @Nullable Message<byte[]> result() {
            RuntimeException reason = this.failure;
            if (reason != null) {
                throw reason;
            }
            return this.reply;
        }

        void answer(Message<byte[]> message) {
            this.reply = message;
            if (this.thread != Thread.currentThread()) {
                LockSupport.unpark(this.thread);
            }
        }

        void fail(RuntimeException reason) {
            this.failure = reason;
            LockSupport.unpark(this.thread);
        }
    }
}
