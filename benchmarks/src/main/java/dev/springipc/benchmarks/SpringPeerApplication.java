package dev.springipc.benchmarks;

import dev.springipc.listener.IpcListener;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The peer JVM's Spring Boot application: one {@code @IpcListener} counts the one-way messages
 * on {@code sink}, one returns each request on {@code requests} as its reply.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SpringPeerApplication {

    @Bean
    Listeners listeners(@Value("${ipcbench.warmup}") long warmup, @Value("${ipcbench.measured}") long measured) {
        return new Listeners(new ArrivalCounter(warmup, measured));
    }

    /** The two listeners, with the signatures a user writes for text. */
    static class Listeners {

        private final ArrivalCounter arrivals;

        Listeners(ArrivalCounter arrivals) {
            this.arrivals = arrivals;
        }

        @IpcListener("sink")
        void count(String text) {
            this.arrivals.arrived();
        }

        @IpcListener("requests")
        String echo(String text) {
            return text;
        }
    }
}
