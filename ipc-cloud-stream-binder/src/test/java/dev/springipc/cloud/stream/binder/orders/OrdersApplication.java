package dev.springipc.cloud.stream.binder.orders;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.springipc.testsupport.ChildJvm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The test application, one jar for every role: a {@code StreamBridge} producer of orders, a
 * {@code Function} that prices them and a {@code Consumer} that records the priced orders it
 * gets. Which role a process plays is plain Spring Cloud Stream configuration
 * ({@code spring.cloud.function.definition}, bindings and groups, see {@link OrdersPipeline});
 * which transport carries the messages is {@code spring.cloud.stream.default-binder} alone.
 * <p>
 * It prints {@code ready} once its bindings run, then obeys stdin: {@code send <n>} publishes
 * orders 0..n-1 and prints {@code sent <n>}; {@code report} prints {@code report <ids>} (the
 * ids recorded so far, in arrival order, comma-separated). At the end of stdin it closes its
 * context and prints {@code final <ids>}, so nothing that arrived before the close is missed.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OrdersApplication {

    /** Price per unit in cents: what the enricher adds. */
    static final long UNIT_PRICE = 250;

    private final List<Integer> recorded = new ArrayList<>();

    @Bean
    Function<Order, PricedOrder> price() {
        return (order) -> new PricedOrder(order.id(), order.item(), order.quantity(), order.quantity() * UNIT_PRICE,
                ProcessHandle.current().pid());
    }

    @Bean
    Consumer<PricedOrder> record() {
        return (priced) -> {
            // A message that skipped the enricher, or was priced wrongly, is recorded as lost.
            if (priced.totalCents() == priced.quantity() * UNIT_PRICE && priced.pricedBy() > 0) {
                synchronized (this.recorded) {
                    this.recorded.add(priced.id());
                }
            }
        };
    }

    String recordedIds() {
        synchronized (this.recorded) {
            return String.join(",", this.recorded.stream().map(String::valueOf).toList());
        }
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class, args);
        OrdersApplication app = context.getBean(OrdersApplication.class);
        ChildJvm.say("ready");
        BufferedReader stdin = ChildJvm.stdin();
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (line.startsWith("send ")) {
                int count = Integer.parseInt(line.substring(5));
                StreamBridge bridge = context.getBean(StreamBridge.class);
                for (int id = 0; id < count; id++) {
                    bridge.send(OrdersPipeline.PRODUCER_BINDING, new Order(id, "item-" + id, 1 + id % 7));
                }
                ChildJvm.say("sent " + count);
            }
            else if (line.equals("report")) {
                ChildJvm.say("report " + app.recordedIds());
            }
        }
        context.close();
        ChildJvm.say("final " + app.recordedIds());
    }

    /** What the producer publishes. */
    public record Order(int id, String item, int quantity) {
    }

    /** What the enricher makes of an order: its total, and which process priced it. */
    public record PricedOrder(int id, String item, int quantity, long totalCents, long pricedBy) {
    }
}
