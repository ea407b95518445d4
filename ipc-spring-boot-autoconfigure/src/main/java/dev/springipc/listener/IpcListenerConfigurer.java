package dev.springipc.listener;

/**
 * A bean that configures how {@code @IpcListener} methods are registered, as Spring AMQP's
 * {@code RabbitListenerConfigurer} does: for example a {@code MessageHandlerMethodFactory} of
 * the application's own, with its argument resolvers, for every listener. Called once, before
 * the first endpoint is registered; several configurers are called in their order.
 */
@FunctionalInterface
public interface IpcListenerConfigurer {

    void configureIpcListeners(IpcListenerEndpointRegistrar registrar);

}
