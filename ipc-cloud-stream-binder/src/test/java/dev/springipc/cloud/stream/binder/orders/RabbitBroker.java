package dev.springipc.cloud.stream.binder.orders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker on localhost:5672 (guest/guest, Spring Boot's defaults) that the rabbit
 * binder's runs use. Without one the test is skipped with the reason; with
 * {@code -Dipc.test.requireRabbitMq=true} (set by {@code .ci/run}, which starts Debian's
 * {@code rabbitmq-server}, through IPC_TEST_REQUIRE_RABBITMQ) the skip becomes a failure.
 */
final class RabbitBroker {

    private static final String HOST = "localhost";

    private static final int PORT = 5672;

    private RabbitBroker() {
    }

    /** Skips the test (or fails it in CI) unless a broker accepts connections on localhost:5672. */
    static void require() {
        if (listening()) {
            return;
        }
        String reason = "no RabbitMQ broker on " + HOST + ":" + PORT
                + " (apt-get install rabbitmq-server; rabbitmq-server -detached)";
        if (Boolean.parseBoolean(System.getProperty("ipc.test.requireRabbitMq"))) {
            throw new AssertionError("RabbitMQ required but missing: " + reason
                    + " (.ci/run starts it; IPC_TEST_REQUIRE_RABBITMQ=true turns this skip into a failure)");
        }
        Assumptions.abort("Skipped: " + reason);
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * Deletes what the rabbit binder declared for {@code pipeline}: per destination a topic
     * exchange of that name and per group a queue {@code <destination>.<group>}, all durable (they
     * would outlive the test and a broker restart). Fails if one of them was not there (the run
     * did not go through the broker) or is still there afterwards.
     */
    static void deleteDeclaredBy(OrdersPipeline pipeline) throws IOException, TimeoutException {
        List<String> exchanges = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        pipeline.groupsByDestination().forEach((destination, groups) -> {
            exchanges.add(destination);
            groups.forEach((group) -> queues.add(destination + "." + group));
        });
        delete(exchanges, queues);
    }

    private static void delete(List<String> exchanges, List<String> queues) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        try (Connection connection = factory.newConnection("ipc-test-cleanup")) {
            List<String> missing = new ArrayList<>();
            for (String queue : queues) {
                if (!exists(connection, (channel) -> channel.queueDeclarePassive(queue))) {
                    missing.add("queue " + queue);
                }
            }
            for (String exchange : exchanges) {
                if (!exists(connection, (channel) -> channel.exchangeDeclarePassive(exchange))) {
                    missing.add("exchange " + exchange);
                }
            }
            try (Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    channel.queueDelete(queue);
                }
                for (String exchange : exchanges) {
                    channel.exchangeDelete(exchange);
                }
            }
            List<String> left = new ArrayList<>();
            for (String queue : queues) {
                if (exists(connection, (channel) -> channel.queueDeclarePassive(queue))) {
                    left.add("queue " + queue);
                }
            }
            for (String exchange : exchanges) {
                if (exists(connection, (channel) -> channel.exchangeDeclarePassive(exchange))) {
                    left.add("exchange " + exchange);
                }
            }
            if (!missing.isEmpty()) {
                throw new AssertionError("Not declared on the broker by the rabbit binder: " + missing);
            }
            if (!left.isEmpty()) {
                throw new AssertionError("Left on the broker after the test: " + left);
            }
        }
    }

    /** A passive declare of a missing object closes its channel with 404: one channel per check. */
    private static boolean exists(Connection connection, Declare declare) throws IOException, TimeoutException {
        Channel channel = connection.createChannel();
        try {
            declare.on(channel);
            channel.close();
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private interface Declare {

        void on(Channel channel) throws IOException;
    }
}
