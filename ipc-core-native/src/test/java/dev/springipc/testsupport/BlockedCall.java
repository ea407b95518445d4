package dev.springipc.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A blocking call run in another thread, for tests that end it from outside: interrupt its
 * thread, close or remove its resource, then look at how it ended.
 */
public final class BlockedCall {

    /** The call; whatever it throws is its outcome. */
    @FunctionalInterface
    public interface Call {

        void run() throws Exception;
    }

    private final CompletableFuture<Thread> thread = new CompletableFuture<>();

    private final CompletableFuture<Throwable> outcome;

    private BlockedCall(Call call) {
        this.outcome = CompletableFuture.supplyAsync(() -> {
            this.thread.complete(Thread.currentThread());
            try {
                call.run();
                return null;
            }
            catch (Throwable ex) {
                return ex;
            }
        });
    }

    public static BlockedCall start(Call call) {
        return new BlockedCall(call);
    }

    /** The thread running the call, once it has started. */
    public Thread thread() throws Exception {
        return this.thread.get(5, TimeUnit.SECONDS);
    }

    /** What the call threw, or null if it returned; fails if it has not ended within {@code timeout}. */
    public Throwable outcome(Duration timeout) throws Exception {
        return this.outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
