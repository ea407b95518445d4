package dev.springipc.sample;

import dev.springipc.listener.IpcListener;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Answers the producer's {@link StatusRequest}: the return value is the reply, sent with the
 * request's correlation id to its reply-to queue ({@code replies}, the producer's
 * {@code ipc.template.reply-queue}).
 */
@Component
@Profile("consumer")
class StatusResponder {

    private final OrderConsumer consumer;

    StatusResponder(OrderConsumer consumer) {
        this.consumer = consumer;
    }

    @IpcListener("status")
    ConsumerReport report(StatusRequest request) {
        return this.consumer.report();
    }
}
