package dev.springipc.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Removes what the rabbit binder declared for a run on the broker at localhost:5672: per
 * destination a topic exchange of that name and the durable group queue
 * {@code <destination>.<group>}, which would otherwise outlive the run.
 */
final class RabbitDeclarations {

    private RabbitDeclarations() {
    }

    static void delete(List<String> destinations, String group) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        factory.setPort(5672);
        try (Connection connection = factory.newConnection("ipcbench-cleanup");
                Channel channel = connection.createChannel()) {
            for (String destination : destinations) {
                channel.queueDelete(destination + "." + group);
                channel.exchangeDelete(destination);
            }
        }
        catch (IOException | TimeoutException ex) {
            throw new IllegalStateException("could not delete " + destinations + " on RabbitMQ", ex);
        }
    }
}
