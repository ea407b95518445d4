package dev.springipc.test.app;

import java.util.Locale;

import dev.springipc.listener.IpcListener;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * Confirms orders: what arrives on {@code orders} goes back upper-cased to {@code confirmations}.
 * The queues are declared by the tests that use it, under {@code ipc.queues}.
 */
@SpringBootApplication
public class OrderApplication {

    @IpcListener(value = "orders", id = "orders")
    @SendTo("confirmations")
    public String confirm(String order, @Header(name = "tenant", required = false) @Nullable String tenant) {
        return order.toUpperCase(Locale.ROOT) + ((tenant != null) ? " for " + tenant : "");
    }
}
