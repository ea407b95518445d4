package dev.springipc.integration;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.springipc.messaging.IpcTemplate;

import org.springframework.integration.dsl.MessagingGatewaySpec;

/**
 * DSL spec of an {@link IpcInboundGateway}.
 */
public class IpcInboundGatewaySpec extends MessagingGatewaySpec<IpcInboundGatewaySpec, IpcInboundGateway> {

    protected IpcInboundGatewaySpec(IpcInboundGateway gateway) {
        super(gateway);
    }

    /** The template whose resolver, codec and converter to use; default: the context's. */
    public IpcInboundGatewaySpec template(IpcTemplate template) {
        this.target.setTemplate(template);
        return this;
    }

    /** Converts each request payload to {@code type}; default: {@code byte[]}. */
    public IpcInboundGatewaySpec payloadType(Class<?> type) {
        this.target.setPayloadType(type);
        return this;
    }

    /** How long one receive waits, which bounds how long a stop takes; default 1 s. */
    public IpcInboundGatewaySpec receiveTimeout(Duration timeout) {
        this.target.setReceiveTimeout(timeout);
        return this;
    }

    /** How long a stop waits for the request in flight; default 10 s. */
    public IpcInboundGatewaySpec shutdownTimeout(Duration timeout) {
        this.target.setShutdownTimeout(timeout);
        return this;
    }

    /** Runs the consumer (one long-running task); default: a platform thread {@code ipc-gateway-<key>-<n>}. */
    public IpcInboundGatewaySpec taskExecutor(Executor executor) {
        this.target.setTaskExecutor(executor);
        return this;
    }
}
