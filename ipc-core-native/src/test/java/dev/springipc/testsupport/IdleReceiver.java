package dev.springipc.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receive on an empty queue or stream, run on a thread of its own name, for tests that look
 * where in the kernel it waits: an idle receiver must end up inside a blocking system call, not
 * spinning or polling.
 */
public final class IdleReceiver {

    private final String threadName;

    private final CompletableFuture<Optional<IpcMessage>> received = new CompletableFuture<>();

    private final Thread thread;

    private IdleReceiver(String threadName, Callable<Optional<IpcMessage>> receive) {
        this.threadName = threadName;
        this.thread = new Thread(() -> {
            try {
                this.received.complete(receive.call());
            }
            catch (Throwable ex) {
                this.received.completeExceptionally(ex);
            }
        }, threadName);
        this.thread.start();
    }

    /** Starts {@code receive} on a thread named {@code threadName} (at most 15 characters: the kernel's comm). */
    public static IdleReceiver start(String threadName, Callable<Optional<IpcMessage>> receive) {
        return new IdleReceiver(threadName, receive);
    }

    /**
     * After 200 ms, samples five times, 50 ms apart, the system call the receiver sits in; fails
     * unless each sample is one of {@code calls} (a receiver still spinning would be found running;
     * a polling one in nanosleep or futex between its attempts).
     */
    public void assertWaitsInside(Set<Long> calls) throws Exception {
        // Under load the thread may take a while to reach its wait (its first call opens and
        // loads classes): it must be seen there within 5 s. A receiver that spins or sleeps in
        // user space never is.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Thread.sleep(200);
        long call = callOrNone();
        while (!calls.contains(call) && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
            call = callOrNone();
        }
        assertThat(call).as("within 5 s").isIn(calls);
        for (int sample = 0; sample < 5; sample++) {
            Thread.sleep(50);
            call = KernelThreads.systemCallOf(this.threadName);
            if (!calls.contains(call)) {
                // Between two wait slices (every 100 ms) the thread runs for microseconds, or
                // waits for a CPU on a loaded machine: look once more.
                Thread.sleep(5);
                call = KernelThreads.systemCallOf(this.threadName);
            }
            assertThat(call).as("sample %d", sample).isIn(calls);
        }
    }

    /** The thread's system call; -2 while the thread has not started (or has its name still to get). */
    private long callOrNone() throws Exception {
        try {
            return KernelThreads.systemCallOf(this.threadName);
        }
        catch (IllegalStateException notYet) {
            return -2;
        }
    }

    /** What the receive returned, once it has; fails if it has not within {@code timeout}. */
    public Optional<IpcMessage> received(Duration timeout) throws Exception {
        Optional<IpcMessage> message = this.received.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.thread.join(timeout.toMillis());
        return message;
    }
}
