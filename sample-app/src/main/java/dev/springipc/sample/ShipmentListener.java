package dev.springipc.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.listener.IpcListener;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Receives the consumer's {@code shipped A-17} lines from the POSIX queue {@code shipments}. The
 * queue is {@code raw}: the message is the text and nothing else, so a C or Python peer (or
 * {@code mq_receive}) could read it too.
 */
@Component
@Profile("producer")
class ShipmentListener {

    private final AtomicInteger shipped = new AtomicInteger();

    @IpcListener("shipments")
    void on(String shipment) {
        this.shipped.incrementAndGet();
    }

    int shipped() {
        return this.shipped.get();
    }

    /** Waits until {@code count} shipments arrived; false on timeout. */
    boolean awaitShipped(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (shipped() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
