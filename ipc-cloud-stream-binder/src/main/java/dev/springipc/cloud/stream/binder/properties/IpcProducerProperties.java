package dev.springipc.cloud.stream.binder.properties;

import java.time.Duration;

/**
 * The {@code ipc} settings of a producer binding
 * ({@code spring.cloud.stream.ipc.bindings.<binding>.producer.*}); the queue settings apply to
 * the queues of the required groups, which the producer creates.
 */
public class IpcProducerProperties extends IpcCommonProperties {

    /**
     * How long a send waits while a group's queue is full before it fails with a
     * MessageDeliveryException. A full queue of an anonymous consumer never blocks: the message
     * is dropped for that consumer.
     */
    private Duration sendTimeout = Duration.ofSeconds(10);

    public Duration getSendTimeout() {
        return this.sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }
}
