package com.example.fresh;

import dev.springipc.listener.IpcListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The consumer process: every order sent to the queue {@code orders} arrives here. */
@Component
@ConditionalOnProperty(name = "app.role", havingValue = "consumer")
public class OrderListener {

    @IpcListener("orders")
    void on(String order) {
        System.out.println("received " + order);
    }

}
