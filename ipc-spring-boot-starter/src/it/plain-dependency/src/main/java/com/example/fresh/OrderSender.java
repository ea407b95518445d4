package com.example.fresh;

import dev.springipc.messaging.IpcTemplate;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The producer process: sends three orders to the queue {@code orders}, then the application ends. */
@Component
@ConditionalOnProperty(name = "app.role", havingValue = "producer")
public class OrderSender implements ApplicationRunner {

    private final IpcTemplate template;

    OrderSender(IpcTemplate template) {
        this.template = template;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int i = 1; i <= 3; i++) {
            this.template.convertAndSend("orders", "order-" + i);
        }
    }

}
