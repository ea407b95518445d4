package dev.springipc.examples.cloudstream;

import java.util.function.Consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** docs/cloud-stream.md's first example, word for word (DocumentationSnippetsTests checks it). */
@SpringBootApplication
public class Billing {

    @Bean
    Consumer<Order> bill() {
        return (order) -> System.out.println("billing " + order.id() + " for " + order.total());
    }
}
