package dev.springipc.cloud.stream.binder.properties;

import java.time.Duration;

import dev.springipc.autoconfigure.CleanupPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ipc} settings of a consumer binding
 * ({@code spring.cloud.stream.ipc.bindings.<binding>.consumer.*}).
 */
public class IpcConsumerProperties extends IpcCommonProperties {

    /**
     * Whether the queue of a group outlives this application: never (the default: the queue
     * and the group's registry entry stay, so the group keeps receiving while none of its
     * instances runs, as a durable subscription does), owned (removed by the last process using
     * it, if this application created it) or always (removed by the last process using it).
     * Removal drops the messages still queued. Anonymous consumers' queues are always removed.
     */
    private CleanupPolicy cleanup = CleanupPolicy.NEVER;

    /**
     * Whether a message that failed after its attempts (max-attempts) is sent to the group's
     * dead-letter queue, "<destination>.<group>.dlq" unless dlq-name is set. Only for consumers
     * with a group.
     */
    private boolean enableDlq;

    /**
     * Name of the dead-letter destination when enable-dlq is true. Default
     * "<destination>.<group>.dlq".
     */
    private @Nullable String dlqName;

    /**
     * How long a receiving thread waits for a message before it checks whether the binding
     * was stopped; bounds how long unbinding takes.
     */
    private Duration pollTimeout = Duration.ofMillis(100);

    public CleanupPolicy getCleanup() {
        return this.cleanup;
    }

    public void setCleanup(CleanupPolicy cleanup) {
        this.cleanup = cleanup;
    }

    public boolean isEnableDlq() {
        return this.enableDlq;
    }

    public void setEnableDlq(boolean enableDlq) {
        this.enableDlq = enableDlq;
    }

    public @Nullable String getDlqName() {
        return this.dlqName;
    }

    public void setDlqName(@Nullable String dlqName) {
        this.dlqName = dlqName;
    }

    public Duration getPollTimeout() {
        return this.pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }
}
