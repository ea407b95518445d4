package dev.springipc.test.listener;

import java.time.Duration;
import java.util.List;

import dev.springipc.messaging.IpcTemplate;
import dev.springipc.test.app.OrderApplication;
import dev.springipc.test.context.UniqueIpcNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/testing.md: a listener, its queues in a namespace of the test's own, and
 * the harness waiting for the calls.
 */
@SpringBootTest(classes = OrderApplication.class, properties = {
        "ipc.queues.orders.max-messages=4", "ipc.queues.orders.max-message-size=256B",
        "ipc.queues.confirmations.max-messages=4", "ipc.queues.confirmations.max-message-size=256B" })
@UniqueIpcNamespace
@IpcListenerTest
class OrderListenerTests {

    @Autowired
    IpcTemplate template;

    @Autowired
    IpcListenerTestHarness harness;

    @Test
    void confirmsEachOrder() {
        this.template.convertAndSend("orders", "apple");
        this.template.convertAndSend("orders", "pear");

        List<IpcListenerInvocation> calls = this.harness.awaitInvocations("orders", 2, Duration.ofSeconds(5));

        assertThat(calls).extracting((call) -> call.argument(0, String.class)).containsExactly("apple", "pear");
        assertThat(calls).extracting(IpcListenerInvocation::result).containsExactly("APPLE", "PEAR");
        assertThat(this.template.receiveAndConvert("confirmations", String.class, Duration.ofSeconds(5)))
            .isEqualTo("APPLE");
    }
}
