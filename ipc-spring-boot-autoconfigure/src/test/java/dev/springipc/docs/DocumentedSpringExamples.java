package dev.springipc.docs;

import java.time.Duration;

import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * The Spring examples of README.md, word for word, so that they compile against the API as it is
 * (a test checks that every Java block of the docs stands in a test source). What they show runs
 * in the listener and template tests.
 */
@SuppressWarnings("unused")
final class DocumentedSpringExamples {

    record Order(String id) {
    }

    record Receipt(String orderId, String tenant) {
    }

    @Component
    class Worker {
        Worker(IpcMessageQueue orders, @Qualifier("jobs") IpcSemaphore jobs) {
            // orders is the POSIX queue /demo.orders, jobs the semaphore /demo.jobs: injected like any bean
        }
    }

    abstract static class ReadmeRequestReply {

        private final IpcTemplate template = template();

        private final Order order = new Order("A-1");

        @IpcListener("orders")
        Receipt on(Order order, @Header("tenant") String tenant) {     // the reply goes to reply-to
            return new Receipt(order.id(), tenant);
        }

        Receipt receipt = template.convertSendAndReceive("orders", order, Receipt.class, Duration.ofSeconds(5));

        abstract IpcTemplate template();
    }
}
