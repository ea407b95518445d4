package dev.springipc.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcPipe;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Prices an order with the shell worker behind the child-process pipe {@code pricer}
 * ({@code application-consumer.yml}): one line {@code A-17 3 729} to its stdin, one line
 * {@code A-17 2187} back from its stdout. Any program that reads and prints lines would do
 * (a Python script, {@code awk}); the shell needs nothing installed.
 */
@Component
@Profile("consumer")
class PriceWorker {

    private final IpcPipe pricer;

    PriceWorker(IpcPipe pricer) {
        this.pricer = pricer;
    }

    /** One request and its reply at a time: the pipe is one conversation. */
    synchronized long amountCents(Order order) throws InterruptedException {
        String request = order.id() + " " + order.quantity() + " " + order.unitPriceCents();
        this.pricer.send(request.getBytes(StandardCharsets.UTF_8));
        IpcMessage reply = this.pricer.receive(Duration.ofSeconds(10))
            .orElseThrow(() -> new IllegalStateException("the pricer did not answer " + request));
        String[] fields = reply.payloadAsString().trim().split(" ");
        if (!fields[0].equals(order.id())) {
            throw new IllegalStateException("the pricer answered " + reply.payloadAsString() + " to " + request);
        }
        return Long.parseLong(fields[1]);
    }

    /** The worker's program, e.g. {@code /bin/sh}. */
    String program() {
        return this.pricer.command().get(0);
    }
}
