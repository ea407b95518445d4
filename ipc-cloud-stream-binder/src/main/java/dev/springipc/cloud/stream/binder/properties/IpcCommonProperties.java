package dev.springipc.cloud.stream.binder.properties;

import dev.springipc.autoconfigure.QueueType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * How the queues of a binding are created; the application that creates a queue first decides,
 * later ones open it as it is.
 */
public abstract class IpcCommonProperties {

    /**
     * Queue implementation: shm (the shared-memory ring), posix (mq_open) or sysv (msgget).
     */
    private QueueType queueType = QueueType.SHM;

    /**
     * Capacity in messages of the queues this application creates. With shm the messages of
     * the maximum size the ring holds at least, default 128; with posix at most
     * /proc/sys/fs/mqueue/msg_max for unprivileged processes, default 10. Not with sysv.
     */
    private @Nullable Integer maxMessages;

    /**
     * Largest message (envelope headers included) of the queues this application creates;
     * default 8KB.
     */
    private @Nullable DataSize maxMessageSize;

    /**
     * Permission bits of the queues this application creates, as an octal string.
     */
    private String mode = "0600";

    public QueueType getQueueType() {
        return this.queueType;
    }

    public void setQueueType(QueueType queueType) {
        this.queueType = queueType;
    }

    public @Nullable Integer getMaxMessages() {
        return this.maxMessages;
    }

    public void setMaxMessages(@Nullable Integer maxMessages) {
        this.maxMessages = maxMessages;
    }

    public @Nullable DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public String getMode() {
        return this.mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
