package dev.springipc.integration;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.springipc.core.IpcMessage;

import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcReceiveLoop;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.core.MessageProducer;

/**
 * The receiving side of a message-driven inbound endpoint: one consumer of an
 * {@link IpcReceiveLoop}, with the timeouts and executor the endpoint was configured with. The
 * channel adapter and the inbound gateway extend different Spring Integration base classes
 * ({@link MessageProducer} support, gateway support), so they share this by holding one.
 */
final class InboundConsumer {

    private Duration receiveTimeout = Duration.ofSeconds(1);

    private Duration recoveryInterval = Duration.ofSeconds(1);

    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private @Nullable Executor taskExecutor;

    private volatile @Nullable IpcReceiveLoop loop;

    void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    void setRecoveryInterval(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
    }

    void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    void setTaskExecutor(@Nullable Executor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** Starts receiving from {@code source} on a thread named {@code <threadPrefix><key>-<n>}. */
    void start(String description, IpcDestination source, String threadPrefix, Consumer<IpcMessage> handler) {
        IpcReceiveLoop receiver = IpcReceiveLoop.builder(description, source)
            .receiveTimeout(this.receiveTimeout)
            .recoveryInterval(this.recoveryInterval)
            .executor(this.taskExecutor)
            .threadNamePrefix(threadPrefix + source.key() + "-")
            .handler(handler)
            .build();
        this.loop = receiver;
        receiver.start();
    }

    /** Stops receiving, lets the message in flight finish (up to the shutdown timeout), then runs {@code callback}. */
    void stop(Runnable callback) {
        IpcReceiveLoop receiver = this.loop;
        if (receiver == null) {
            callback.run();
            return;
        }
        receiver.stop(this.shutdownTimeout, callback);
    }

    /** Stops receiving and waits for the message in flight, up to the shutdown timeout. */
    void stop() {
        IpcReceiveLoop receiver = this.loop;
        if (receiver != null) {
            receiver.stop(this.shutdownTimeout);
        }
    }
}
