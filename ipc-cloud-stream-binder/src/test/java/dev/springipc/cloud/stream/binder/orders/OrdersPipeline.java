package dev.springipc.cloud.stream.binder.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link OrdersApplication} as five JVMs over one binder: a producer, an enricher (group
 * {@code pricing}), two instances of group {@code billing} and one of group {@code audit}, all
 * consuming the priced orders. Every process gets the same arguments except its role (function
 * definition and group); the binder is {@code spring.cloud.stream.default-binder} only. Then it
 * checks that each group got every order exactly once and that the two billing instances split
 * them. Closing it stops every process it started.
 */
public final class OrdersPipeline implements AutoCloseable {

    /** The StreamBridge binding the producer sends to. */
    static final String PRODUCER_BINDING = "orders-out-0";

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final String binder;

    /** The destination of the orders: a topic exchange on RabbitMQ. */
    private final String orders = TestNames.unique("orders");

    /** The destination of the priced orders. */
    private final String priced = TestNames.unique("priced");

    private final List<PeerProcess> processes = new ArrayList<>();

    /**
     * The ipc binder's namespace and group registry of this run, so that runs never share a
     * queue; every process gets them, whichever the binder (the rabbit binder ignores them).
     */
    private final String ipcNamespace = TestNames.unique("scst");

    private final Path ipcRegistry = Path.of(System.getProperty("java.io.tmpdir"), this.ipcNamespace + ".groups");

    /** @param binder the value of {@code spring.cloud.stream.default-binder}, the only difference between runs */
    public OrdersPipeline(String binder) {
        this.binder = binder;
    }

    public String ipcNamespace() {
        return this.ipcNamespace;
    }

    public Path ipcRegistry() {
        return this.ipcRegistry;
    }

    /** The destinations of this run, each with the consumer groups subscribed to it. */
    public Map<String, List<String>> groupsByDestination() {
        return Map.of(this.orders, List.of("pricing"), this.priced, List.of("billing", "audit"));
    }

    /** Publishes {@code count} orders through the pipeline and checks what every group got. */
    public void run(int count) {
        // Consumers first, so that every group's subscription exists before the first order.
        PeerProcess enricher = start("price", "pricing");
        PeerProcess billing1 = start("record", "billing");
        PeerProcess billing2 = start("record", "billing");
        PeerProcess audit = start("record", "audit");
        PeerProcess producer = start("", null);
        for (PeerProcess process : this.processes) {
            process.awaitLine("ready", STARTUP);
        }

        producer.send("send " + count);
        producer.awaitLine("sent " + count, DELIVERY);
        awaitDelivered(count, audit, billing1, billing2);

        List<Integer> audited = stop(audit);
        List<Integer> billed1 = stop(billing1);
        List<Integer> billed2 = stop(billing2);
        stop(enricher);
        stop(producer);

        List<Integer> all = IntStream.range(0, count).boxed().toList();
        assertThat(audited).as("group audit (one instance) over %s", this.binder).containsExactlyInAnyOrderElementsOf(all);
        List<Integer> billed = new ArrayList<>(billed1);
        billed.addAll(billed2);
        assertThat(billed).as("group billing (two instances) over %s", this.binder)
            .containsExactlyInAnyOrderElementsOf(all);
        assertThat(billed1).as("billing instance 1 over %s: the group's messages are split", this.binder).isNotEmpty();
        assertThat(billed2).as("billing instance 2 over %s: the group's messages are split", this.binder).isNotEmpty();
    }

    private PeerProcess start(String definition, String group) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.cloud.stream.default-binder=" + this.binder,
                "--spring.cloud.function.definition=" + definition,
                "--spring.cloud.stream.bindings." + PRODUCER_BINDING + ".destination=" + this.orders,
                "--spring.cloud.stream.bindings.price-in-0.destination=" + this.orders,
                "--spring.cloud.stream.bindings.price-out-0.destination=" + this.priced,
                "--spring.cloud.stream.bindings.record-in-0.destination=" + this.priced));
        if (group != null) {
            args.add("--spring.cloud.stream.bindings." + definition + "-in-0.group=" + group);
        }
        args.add("--spring.cloud.stream.ipc.binder.namespace=" + this.ipcNamespace);
        args.add("--spring.cloud.stream.ipc.binder.registry-directory=" + this.ipcRegistry);
        PeerProcess process = ChildJvm.start(OrdersApplication.class, args.toArray(String[]::new));
        this.processes.add(process);
        return process;
    }

    /** Asks the consumers what they recorded until audit and billing together have every order. */
    private static void awaitDelivered(int count, PeerProcess audit, PeerProcess billing1, PeerProcess billing2) {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (report(audit).size() >= count && report(billing1).size() + report(billing2).size() >= count) {
                return;
            }
            ChildJvm.pause(Duration.ofMillis(200));
        }
        // Not all arrived: the assertions on the final reports say which are missing.
    }

    private static List<Integer> report(PeerProcess process) {
        process.send("report");
        String line = process.nextLine(Duration.ofSeconds(10));
        assertThat(line).startsWith("report ");
        return ids(line.substring("report ".length()));
    }

    /** Ends the process's stdin: it closes its context, prints what it recorded and exits 0. */
    private static List<Integer> stop(PeerProcess process) {
        process.closeStdin();
        String last = null;
        for (String line : process.remainingLines(Duration.ofSeconds(60))) {
            last = line;
        }
        assertThat(process.waitFor(Duration.ofSeconds(10))).as("exit code of %s: %s", process, process.stderr())
            .isZero();
        assertThat(last).as("last line of %s", process).startsWith("final ");
        return ids(last.substring("final ".length()));
    }

    private static List<Integer> ids(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
    }

    @Override
    public void close() {
        this.processes.forEach(PeerProcess::close);
    }
}
