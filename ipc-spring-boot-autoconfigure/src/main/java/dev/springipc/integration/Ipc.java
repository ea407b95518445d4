package dev.springipc.integration;

import dev.springipc.messaging.IpcDestination;

/**
 * Java DSL factory for IPC channel adapters and gateways, addressed by the key of a queue or
 * FIFO declared under {@code ipc.queues} / {@code ipc.fifos} or by an {@link IpcDestination}:
 * <pre>{@code
 * IntegrationFlow.from(Ipc.inboundAdapter("orders"))
 *     .transform(...)
 *     .handle(Ipc.outboundAdapter("invoices"))
 *     .get();
 * }</pre>
 */
public final class Ipc {

    private Ipc() {
    }

    /** A message-driven inbound adapter on the queue or FIFO of {@code key}. */
    public static IpcInboundChannelAdapterSpec inboundAdapter(String key) {
        return new IpcInboundChannelAdapterSpec(new IpcInboundChannelAdapter(key));
    }

    /** A message-driven inbound adapter on {@code destination}. */
    public static IpcInboundChannelAdapterSpec inboundAdapter(IpcDestination destination) {
        return new IpcInboundChannelAdapterSpec(new IpcInboundChannelAdapter(destination));
    }

    /** A one-way outbound adapter to the queue or FIFO of {@code key}. */
    public static IpcOutboundChannelAdapterSpec outboundAdapter(String key) {
        return new IpcOutboundChannelAdapterSpec(new IpcOutboundChannelAdapter(key));
    }

    /** A one-way outbound adapter to {@code destination}. */
    public static IpcOutboundChannelAdapterSpec outboundAdapter(IpcDestination destination) {
        return new IpcOutboundChannelAdapterSpec(new IpcOutboundChannelAdapter(destination));
    }

    /** An inbound gateway: a flow answers the requests that arrive on the queue or FIFO of {@code key}. */
    public static IpcInboundGatewaySpec inboundGateway(String key) {
        return new IpcInboundGatewaySpec(new IpcInboundGateway(key));
    }

    /** An inbound gateway answering the requests that arrive on {@code requests}. */
    public static IpcInboundGatewaySpec inboundGateway(IpcDestination requests) {
        return new IpcInboundGatewaySpec(new IpcInboundGateway(requests));
    }

    /** A polled source on the queue or FIFO of {@code key}, for {@code IntegrationFlow.from(source, poller)}. */
    public static IpcMessageSource messageSource(String key) {
        return new IpcMessageSource(key);
    }

    /** A request-reply gateway sending to the queue or FIFO of {@code requestKey}. */
    public static IpcOutboundGatewaySpec outboundGateway(String requestKey) {
        return new IpcOutboundGatewaySpec(new IpcOutboundGateway(requestKey));
    }

    /** A request-reply gateway sending to {@code requests}. */
    public static IpcOutboundGatewaySpec outboundGateway(IpcDestination requests) {
        return new IpcOutboundGatewaySpec(new IpcOutboundGateway(requests));
    }
}
