package dev.springipc.integration;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.springipc.messaging.IpcTemplate;

import org.springframework.integration.dsl.MessageProducerSpec;

/**
 * DSL spec of an {@link IpcInboundChannelAdapter}.
 */
public class IpcInboundChannelAdapterSpec
        extends MessageProducerSpec<IpcInboundChannelAdapterSpec, IpcInboundChannelAdapter> {

    protected IpcInboundChannelAdapterSpec(IpcInboundChannelAdapter adapter) {
        super(adapter);
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public IpcInboundChannelAdapterSpec template(IpcTemplate template) {
        this.target.setTemplate(template);
        return this;
    }

    /** Converts each payload to {@code type}; default: {@code byte[]}. */
    public IpcInboundChannelAdapterSpec payloadType(Class<?> type) {
        this.target.setPayloadType(type);
        return this;
    }

    /** How long one receive waits, which bounds how long a stop takes; default 1 s. */
    public IpcInboundChannelAdapterSpec receiveTimeout(Duration timeout) {
        this.target.setReceiveTimeout(timeout);
        return this;
    }

    /** The pause after a failed receive; default 1 s. */
    public IpcInboundChannelAdapterSpec recoveryInterval(Duration interval) {
        this.target.setRecoveryInterval(interval);
        return this;
    }

    /** How long a stop waits for the message in flight; default 10 s. */
    public IpcInboundChannelAdapterSpec shutdownTimeout(Duration timeout) {
        this.target.setShutdownTimeout(timeout);
        return this;
    }

    /** Runs the consumer (one long-running task); default: a platform thread {@code ipc-inbound-<key>-<n>}. */
    public IpcInboundChannelAdapterSpec taskExecutor(Executor executor) {
        this.target.setTaskExecutor(executor);
        return this;
    }
}
