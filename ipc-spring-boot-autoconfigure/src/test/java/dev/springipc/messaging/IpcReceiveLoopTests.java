package dev.springipc.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The receive loop that listener containers and the inbound adapter share, over a real POSIX
 * queue: one long-running task per consumer on the given executor, a stop that lets the message
 * in flight finish, interrupts one that overruns, stays prompt during the pause after a failed
 * receive, and a start that fails clearly when the executor has no thread to give.
 */
class IpcReceiveLoopTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private IpcDestination queue(String tag) {
        return IpcDestination.of(tag, openUnlinked(tag), WireFormat.RAW, null);
    }

    /** A queue whose name is gone at once: the handle works on, and nothing is left behind. */
    private IpcMessageQueue openUnlinked(String tag) {
        IpcMessageQueue queue = this.cleanup.track(
                IpcMessageQueue.posix(this.cleanup.posixName(tag)).maxMessages(8).maxMessageSize(256).open());
        queue.unlink();
        return queue;
    }

    private static void send(IpcDestination destination, String text) throws InterruptedException {
        destination.send(text.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    @Test
    void eachConsumerIsOneLongRunningTaskOnTheGivenExecutor() throws Exception {
        IpcDestination work = queue("work");
        AtomicInteger tasks = new AtomicInteger();
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("mine-");
        Executor counting = (task) -> {
            tasks.incrementAndGet();
            threads.execute(task);
        };
        Set<String> handledOn = ConcurrentHashMap.newKeySet();
        CountDownLatch handled = new CountDownLatch(6);
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", work)
            .consumers(2)
            .receiveTimeout(Duration.ofMillis(50))
            .executor(counting)
            .handler((message) -> {
                handledOn.add(Thread.currentThread().getName());
                handled.countDown();
            })
            .build();
        loop.start();
        try {
            for (int i = 0; i < 6; i++) {
                send(work, "m" + i);
            }
            assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(tasks).hasValue(2);
            assertThat(handledOn).isNotEmpty().hasSizeLessThanOrEqualTo(2).allMatch((name) -> name.startsWith("mine-"));
        }
        finally {
            loop.stop(WAIT);
        }
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void theDefaultThreadsArePlatformThreadsNamedByThePrefix() throws Exception {
        IpcDestination work = queue("named");
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", work)
            .threadNamePrefix("ipc-listener-orders-")
            .receiveTimeout(Duration.ofMillis(50))
            .handler((message) -> threads.add(Thread.currentThread()))
            .build();
        loop.start();
        try {
            send(work, "one");
            Thread thread = threads.poll(5, TimeUnit.SECONDS);
            assertThat(thread).isNotNull();
            assertThat(thread.getName()).startsWith("ipc-listener-orders-");
            assertThat(thread.isDaemon()).isFalse();
        }
        finally {
            loop.stop(WAIT);
        }
    }

    @Test
    void aStopLetsTheMessageInFlightFinishBeforeItsCallbackRuns() throws Exception {
        IpcDestination work = queue("inflight");
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", work)
            .receiveTimeout(Duration.ofMillis(50))
            .handler((message) -> {
                started.countDown();
                sleep(300);
                finished.set(true);
            })
            .build();
        loop.start();
        send(work, "slow");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean finishedBeforeCallback = new AtomicBoolean();
        loop.stop(WAIT, () -> {
            finishedBeforeCallback.set(finished.get());
            stopped.countDown();
        });
        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(finishedBeforeCallback).isTrue();
    }

    @Test
    void inPlaceOnAShmQueueAStopEndsTheBatchAfterTheMessageInHandAndLeavesTheRestQueued() throws Exception {
        IpcShmQueue ring = this.cleanup.track(IpcMessageQueue.shm(this.cleanup.posixName("batch")).maxMessages(16)
                .maxMessageSize(64).open());
        IpcDestination batch = IpcDestination.of("batch", ring, WireFormat.RAW, null);
        for (int i = 0; i < 10; i++) {
            send(batch, "m" + i);
        }
        CountDownLatch inHand = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger copied = new AtomicInteger();
        IpcReceiveLoop loop = IpcReceiveLoop.builder("batch loop", batch)
            .receiveTimeout(Duration.ofMillis(50))
            .handler((message) -> copied.incrementAndGet())
            .inPlaceHandler(() -> (buffer, offset, length, tag) -> {
                handled.incrementAndGet();
                inHand.countDown();
                sleep(300); // the stop comes while the first message of the batch is in hand
            }, 64)
            .build();
        loop.start();
        assertThat(inHand.await(5, TimeUnit.SECONDS)).isTrue();
        loop.stop(WAIT);
        assertThat(handled).as("the message in hand finished, no more of its batch").hasValue(1);
        assertThat(copied).as("a shm queue is received in place").hasValue(0);
        assertThat(ring.depth()).isEqualTo(9);
        ring.unlink();
    }

    @Test
    void aHandlerThatOverrunsTheShutdownTimeoutIsInterrupted() throws Exception {
        IpcDestination work = queue("overrun");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", work)
            .receiveTimeout(Duration.ofMillis(50))
            .handler((message) -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                }
                catch (InterruptedException ex) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                }
            })
            .build();
        loop.start();
        send(work, "stuck");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long begin = System.nanoTime();
        loop.stop(Duration.ofMillis(200));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aStopDuringThePauseAfterAFailedReceiveIsPrompt() throws Exception {
        IpcMessageQueue queue = openUnlinked("gone");
        IpcDestination gone = IpcDestination.of("gone", queue, WireFormat.RAW, null);
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", gone)
            .receiveTimeout(Duration.ofMillis(50))
            .recoveryInterval(Duration.ofSeconds(30))
            .handler((message) -> {
            })
            .build();
        loop.start();
        queue.close(); // every receive fails from now on
        Thread.sleep(200);
        assertThat(loop.isRunning()).isTrue();
        long begin = System.nanoTime();
        loop.stop(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anExecutorWithoutAThreadPerConsumerFailsTheStartSayingSo() {
        IpcDestination work = queue("refused");
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("one-");
        AtomicInteger accepted = new AtomicInteger();
        Executor oneThread = (task) -> {
            if (accepted.incrementAndGet() > 1) {
                throw new TaskRejectedException("full");
            }
            threads.execute(task);
        };
        IpcReceiveLoop loop = IpcReceiveLoop.builder("test loop", work)
            .consumers(2)
            .receiveTimeout(Duration.ofMillis(50))
            .executor(oneThread)
            .handler((message) -> {
            })
            .build();
        assertThatIllegalStateException().isThrownBy(loop::start)
            .withMessageContaining("could not start consumer 2 of 2")
            .withMessageContaining("a thread per consumer");
        assertThat(loop.isRunning()).isFalse();
        loop.stop(WAIT);
    }

    /**
     * Another process truncates the ring under a running loop: the consumer stops and names it
     * once, instead of retrying into memory that is gone (an atomic access there kills the JVM).
     * A size-checked ring of many consumers on the copying path is refused before each access;
     * an unchecked single-consumer ring in place faults, and the fault is named.
     */
    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    @ExtendWith(OutputCaptureExtension.class)
    void aConsumerStopsOnARingAnotherProcessTruncatedAndNamesIt(boolean sizeChecked, CapturedOutput output)
            throws Exception {
        String name = this.cleanup.posixName("truncated");
        IpcShmQueue ring = this.cleanup.track(IpcMessageQueue.shm(name).maxMessages(64).maxMessageSize(64)
            .sizeChecked(sizeChecked)
            .singleConsumer(!sizeChecked)
            .open());
        IpcDestination truncated = IpcDestination.of("truncated", ring, WireFormat.RAW, null);
        CountDownLatch handled = new CountDownLatch(20);
        IpcReceiveLoop.Builder builder = IpcReceiveLoop.builder("truncation loop", truncated)
            .receiveTimeout(Duration.ofMillis(50))
            .recoveryInterval(Duration.ofMillis(50))
            .handler((message) -> handled.countDown());
        if (!sizeChecked) {
            builder.inPlaceHandler(() -> (buffer, offset, length, tag) -> handled.countDown(), 16);
        }
        IpcReceiveLoop loop = builder.build();
        loop.start();
        try {
            for (int i = 0; i < 20; i++) {
                send(truncated, "m" + i);
            }
            assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
            try (PeerProcess truncate = PeerProcess.start("truncate", "-s", "0", "/dev/shm" + name)) {
                truncate.awaitSuccess(WAIT);
            }
            String stopped = "truncation loop stopped receiving from 'truncated': truncated: /dev/shm" + name
                    + " is 0 bytes";
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!output.getAll().contains(stopped) && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertThat(output.getAll()).contains(stopped);
            sleep(300); // six recovery intervals: a consumer that retried would log again
            assertThat(output.getAll().split(java.util.regex.Pattern.quote(stopped), -1)).hasSize(2);
            assertThat(output.getAll()).doesNotContain("truncation loop could not receive");
        }
        finally {
            loop.stop(WAIT);
            ring.unlink();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
