package dev.springipc.benchmarks;

import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The peer JVM's Spring Cloud Stream application: a {@code Consumer} counts the one-way messages,
 * a {@code Function} returns each request as its reply (the binder carries the request's headers
 * over to the reply, and with them the caller's correlation header).
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class CloudStreamPeerApplication {

    @Bean
    Consumer<String> count(@Value("${ipcbench.warmup}") long warmup, @Value("${ipcbench.measured}") long measured) {
        ArrivalCounter arrivals = new ArrivalCounter(warmup, measured);
        return (text) -> arrivals.arrived();
    }

    @Bean
    Function<String, String> echo() {
        return (text) -> text;
    }
}
