package dev.springipc.core.support;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.IpcResource;
import dev.springipc.core.sys.WakeSignal;
import org.jspecify.annotations.Nullable;

/**
 * Lets a thread block in a system call that has no timeout of its own ({@code msgrcv},
 * {@code msgsnd}) and still honour a deadline, {@link Thread#interrupt()} and close(): one
 * watchdog thread per JVM sends the blocked thread a {@link WakeSignal} when its deadline passes,
 * it is interrupted, or its resource is closed, and the call returns with {@code EINTR}.
 * <p>
 * A blocked thread costs nothing while it waits: the kernel wakes it when a message arrives. The
 * watchdog sleeps until the earliest deadline, and while calls block it looks once per
 * {@link Waits#SLICE_NANOS} for interrupts and closes (which it cannot be told of), the same bound
 * every other wait of the core keeps; a second after the last blocked call it sleeps until the
 * next one wakes it. A signal that arrives just before the call starts is missed and sent again
 * at the next look.
 * <p>
 * The signal is only ever sent to a thread between {@link Call#begin} and {@link Call#end}, and
 * {@code end} waits while a signal is being sent, so it can never reach a thread that has moved
 * on, let alone exited.
 */
public final class BlockingCallWatchdog {

    /** System property that turns blocking calls off ({@code false}): waiting calls then poll. */
    public static final String ENABLED_PROPERTY = "dev.springipc.blockingCalls";

    private static final boolean AVAILABLE = !"false".equals(System.getProperty(ENABLED_PROPERTY))
            && WakeSignal.interruptsCalls();

    /** A due call still blocking after its signal (sent just before it blocked) is signalled again after this. */
    private static final long RESIGNAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Scans without a blocked call before the watchdog sleeps for good (one second). Without this
     * linger, traffic that blocks for a moment per message would wake it once per message.
     */
    private static final int LINGER_SCANS = 10;

    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    private static final CopyOnWriteArrayList<Call> REGISTERED = new CopyOnWriteArrayList<>();

    private static volatile @Nullable Thread watchdog;

    /** No look is promised: the watchdog is scanning, or sleeps until woken. */
    private static final long NONE = Long.MAX_VALUE;

    /**
     * When the watchdog looks next ({@link System#nanoTime()}), or {@link #NONE}. It is reset to
     * NONE before each scan, so a call that begins during a scan always wakes the watchdog.
     */
    private static volatile long nextLook = NONE;

    private BlockingCallWatchdog() {
    }

    /**
     * Whether blocking calls can be woken here. When not (a JDK without the handler, or
     * {@value #ENABLED_PROPERTY}{@code =false}), callers poll with a non-blocking flag instead.
     */
    public static boolean available() {
        return AVAILABLE;
    }

    /** The calling thread's call record, reused for every call it makes (no allocation per call). */
    public static Call current() {
        return CALLS.get();
    }

    /** One thread's blocking call, as the watchdog sees it. */
    public static final class Call {

        private static final int IDLE = 0;

        private static final int BLOCKING = 1;

        private static final int SIGNALLING = 2;

        private final Thread thread = Thread.currentThread();

        private final int threadId = WakeSignal.currentThreadId();

        private final AtomicInteger state = new AtomicInteger(IDLE);

        private volatile long deadline;

        private volatile @Nullable IpcResource resource;

        private boolean registered;

        private Call() {
        }

        /**
         * Announces that the calling thread is about to block on {@code resource} until
         * {@code deadline} ({@link System#nanoTime()}); pair with {@link #end()} in a finally.
         */
        public void begin(IpcResource resource, long deadline) {
            if (!this.registered) {
                REGISTERED.add(this);
                this.registered = true;
            }
            this.resource = resource;
            this.deadline = deadline;
            this.state.set(BLOCKING);
            // Wake the watchdog only if it would look too late: it sleeps for good while idle.
            long promised = nextLook;
            if (promised == NONE || Math.min(deadline, System.nanoTime() + Waits.SLICE_NANOS) - promised < 0) {
                wakeWatchdog();
            }
        }

        /** The call returned: no signal is sent to this thread after this. */
        public void end() {
            while (!this.state.compareAndSet(BLOCKING, IDLE)) {
                Thread.onSpinWait();   // the watchdog is sending a signal right now
            }
            this.resource = null;
        }

        /** Signals the thread if it is still blocking; returns whether it is. */
        boolean signalIfBlocking() {
            if (!this.state.compareAndSet(BLOCKING, SIGNALLING)) {
                return false;
            }
            try {
                WakeSignal.send(this.threadId);
            }
            finally {
                this.state.set(BLOCKING);
            }
            return true;
        }

        boolean isBlocking() {
            return this.state.get() == BLOCKING;
        }

        /** Whether the call must be cut short now. */
        boolean due(long now) {
            IpcResource blockedOn = this.resource;
            return now - this.deadline >= 0 || this.thread.isInterrupted()
                    || (blockedOn != null && !blockedOn.isOpen());
        }
    }

    private static void wakeWatchdog() {
        Thread current = watchdog;
        if (current == null) {
            synchronized (BlockingCallWatchdog.class) {
                current = watchdog;
                if (current == null) {
                    current = new Thread(BlockingCallWatchdog::watch, "ipc-blocking-call-watchdog");
                    current.setDaemon(true);
                    watchdog = current;
                    current.start();
                    return;
                }
            }
        }
        LockSupport.unpark(current);
    }

    private static void watch() {
        int idleScans = 0;
        while (true) {
            nextLook = NONE;
            long now = System.nanoTime();
            long next = NONE;
            for (Call call : REGISTERED) {
                if (call.isBlocking()) {
                    if (call.due(now)) {
                        call.signalIfBlocking();
                    }
                    // Look again within a slice for interrupts and closes, sooner for a deadline.
                    long lookBy = Math.min(call.deadline, now + Waits.SLICE_NANOS);
                    next = (next == NONE || lookBy - next < 0) ? lookBy : next;
                }
                else if (!call.thread.isAlive()) {
                    REGISTERED.remove(call);
                }
            }
            if (next != NONE) {
                idleScans = 0;
            }
            else if (++idleScans < LINGER_SCANS) {
                next = now + Waits.SLICE_NANOS;
            }
            if (next != NONE && next - now <= 0) {
                next = now + RESIGNAL_NANOS;   // a signalled call that has not left yet
            }
            nextLook = next;
            if (next == NONE) {
                LockSupport.park();
            }
            else {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }
}
