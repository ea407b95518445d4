package dev.springipc.sample;

import java.time.Duration;
import java.util.Map;

import dev.springipc.core.IpcFifo;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.test.context.UniqueIpcNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's side in this JVM, against real kernel objects in a namespace of its own
 * ({@code ipc-sample-<pid>-<n>}), with the test as its producer: an order on the shm queue is
 * priced by the shell worker, added to the shared total and shipped on the POSIX queue with an audit line on the FIFO, and the
 * status request is answered. The context is closed after the class and checked for leftovers.
 * The start barrier has one party here: no second process comes.
 */
@ActiveProfiles("consumer")
@TestPropertySource(properties = "ipc.barriers.start.parties=1")
@SpringBootTest
@UniqueIpcNamespace
@DirtiesContext
class SampleApplicationTests {

    @Autowired
    IpcTemplate template;

    @Autowired
    RunningTotal total;

    @Autowired
    IpcFifo audit;

    @Test
    void theConsumerPricesAnOrderWithTheShellWorkerAddsItUpShipsItAndReportsIt() throws InterruptedException {
        this.audit.receive(Duration.ZERO);   // opens the reading end: the consumer's audit line needs a reader
        Order order = new Order("T-1", 3, 250);
        this.template.convertAndSend("orders", order, Map.of("source", "test"));

        assertThat(this.template.receiveAndConvert("shipments", String.class, Duration.ofSeconds(10)))
            .isEqualTo("shipped T-1");
        assertThat(this.total.read()).containsExactly(750L, 1L);
        assertThat(this.audit.receive(Duration.ofSeconds(5))).hasValueSatisfying((line) -> assertThat(
                line.payloadAsString()).startsWith("T-1 x3 = 750 cents (from test, pid "));
        ConsumerReport report = this.template.convertSendAndReceive("status", new StatusRequest(1),
                ConsumerReport.class, Duration.ofSeconds(10));
        assertThat(report).isNotNull();
        assertThat(report.ordersReceived()).isEqualTo(1);
        assertThat(report.mostAtOnce()).isEqualTo(1);
        assertThat(report.pid()).isEqualTo(ProcessHandle.current().pid());
    }
}
