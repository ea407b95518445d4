package dev.springipc.core.sysv;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcClosedException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.support.BlockingCallWatchdog;
import dev.springipc.testsupport.ChildJvm;

/**
 * A child JVM with blocking calls turned off: the polling fallback must keep timed receive,
 * a message sent later, interrupt and close working. Prints {@code OK} or fails with a reason.
 */
public final class PollingSysvQueuePeer {

    private PollingSysvQueuePeer() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(BlockingCallWatchdog.ENABLED_PROPERTY, "false");
        check(!BlockingCallWatchdog.available(), "blocking calls are still on");
        int key = Integer.parseInt(args[0]);
        try (IpcSysvMessageQueue queue = IpcMessageQueue.sysv(key).open()) {
            try {
                long start = System.nanoTime();
                check(queue.receive(Duration.ofMillis(200)).isEmpty(), "an empty queue gave a message");
                check(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "the timed receive ended early");
                CompletableFuture<Optional<IpcMessage>> later = CompletableFuture.supplyAsync(() -> receive(queue));
                Thread.sleep(100);
                queue.send("later".getBytes(), 3L);
                check(later.get(5, TimeUnit.SECONDS).map(IpcMessage::payloadAsString).orElse("").equals("later"),
                        "the message sent later was not received");
                CompletableFuture<Throwable> interrupted = blockedReceive(queue, true);
                check(interrupted.get(5, TimeUnit.SECONDS) instanceof InterruptedException, "interrupt: "
                        + interrupted.get());
                CompletableFuture<Throwable> closed = blockedReceive(queue, false);
                Thread.sleep(100);
                queue.close();
                check(closed.get(5, TimeUnit.SECONDS) instanceof IpcClosedException, "close: " + closed.get());
            }
            finally {
                queue.unlink();
            }
        }
        ChildJvm.say("OK");
    }

    private static Optional<IpcMessage> receive(IpcSysvMessageQueue queue) {
        try {
            return queue.receive(Duration.ofSeconds(5));
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static CompletableFuture<Throwable> blockedReceive(IpcSysvMessageQueue queue, boolean interrupt)
            throws InterruptedException {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                queue.receive();
                outcome.complete(null);
            }
            catch (Throwable ex) {
                outcome.complete(ex);
            }
        });
        thread.start();
        if (interrupt) {
            Thread.sleep(100);
            thread.interrupt();
        }
        return outcome;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
