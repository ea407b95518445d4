package dev.springipc.sample;

import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.integration.Ipc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The producer's Spring Integration flow: an {@link Order} put on the channel {@code newOrders}
 * gets a {@code source} header, is counted, and leaves through the IPC outbound adapter onto the
 * shm queue {@code orders} (as JSON in an envelope, with the header).
 */
@Configuration(proxyBeanMethods = false)
@Profile("producer")
@EnableIntegration   // Spring Boot's own Integration auto-configuration is a separate module the sample does not need
class OrderFlow {

    private final AtomicInteger passed = new AtomicInteger();

    @Bean
    MessageChannel newOrders() {
        return new DirectChannel();   // the sender's thread runs the flow
    }

    @Bean
    IntegrationFlow ordersToTheConsumer() {
        return IntegrationFlow.from("newOrders")
            .enrichHeaders((headers) -> headers.header("source", "order-flow"))
            .<Order>handle((order, headers) -> {
                this.passed.incrementAndGet();
                return order;
            })
            .handle(Ipc.outboundAdapter("orders"))
            .get();
    }

    /** Sends one order into the flow. */
    static void send(MessageChannel newOrders, Order order) {
        newOrders.send(MessageBuilder.withPayload(order).build());
    }

    /** Orders that went through the flow. */
    int passed() {
        return this.passed.get();
    }
}
