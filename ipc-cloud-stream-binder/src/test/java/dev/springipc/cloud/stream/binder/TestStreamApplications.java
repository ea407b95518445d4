package dev.springipc.cloud.stream.binder;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The applications of the binder tests: a sink that keeps what it receives, a sink that fails,
 * and a source with nothing but {@code StreamBridge}. Spring Cloud Stream applications as users
 * write them; the tests pick the ipc binder by property.
 */
final class TestStreamApplications {

    private TestStreamApplications() {
    }

    /** Keeps every message of its {@code sink-in-0} binding; {@code sink.delay-millis} slows it down. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Sink {

        @Bean
        BlockingQueue<Message<String>> received() {
            return new LinkedBlockingQueue<>();
        }

        @Bean
        Consumer<Message<String>> sink(BlockingQueue<Message<String>> received,
                org.springframework.core.env.Environment environment) {
            long delay = environment.getProperty("sink.delay-millis", Long.class, 0L);
            return (message) -> {
                received.add(message);
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }

    }

    /** Fails on every message, counting the attempts. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class FailingSink {

        @Bean
        AtomicInteger attempts() {
            return new AtomicInteger();
        }

        @Bean
        Consumer<Message<String>> sink(AtomicInteger attempts) {
            return (message) -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("cannot handle " + message.getPayload());
            };
        }

    }

    /** Publishes through {@code StreamBridge} only. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Source {

    }
}
