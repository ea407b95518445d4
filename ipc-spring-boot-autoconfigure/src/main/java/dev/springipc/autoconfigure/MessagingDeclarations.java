package dev.springipc.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.Framing;
import dev.springipc.messaging.BeanFactoryIpcDestinationResolver;
import dev.springipc.messaging.WireFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The messaging side of {@code ipc.queues} and {@code ipc.fifos}: wire format and dead-letter
 * per key, checked at startup so that a mistake names the property and the fix.
 */
final class MessagingDeclarations {

    private MessagingDeclarations() {
    }

    /** Class that tells whether Spring Integration is on the classpath. */
    static final String INTEGRATION_CLASS = "org.springframework.integration.endpoint.MessageProducerSupport";

    static void check(IpcProperties properties, @Nullable ClassLoader classLoader) {
        boolean integration = ClassUtils.isPresent(INTEGRATION_CLASS, classLoader);
        forEach(properties, (kind, key, entry) -> {
            checkDeadLetter(properties, kind, key, entry);
            checkChannel(integration, kind, key, entry);
        });
        properties.getFifos().forEach((key, fifo) -> checkEnvelopeFraming("fifos", key, fifo, fifo.getFraming()));
        properties.getPipes().forEach((key, pipe) -> checkEnvelopeFraming("pipes", key, pipe, pipe.getFraming()));
    }

    /** Every resource that carries messages, with its kind ({@code queues}, {@code fifos}, {@code pipes}). */
    static void forEach(IpcProperties properties, MessageResourceCallback callback) {
        properties.getQueues().forEach((key, queue) -> callback.accept("queues", key, queue));
        properties.getFifos().forEach((key, fifo) -> callback.accept("fifos", key, fifo));
        properties.getPipes().forEach((key, pipe) -> callback.accept("pipes", key, pipe));
    }

    @FunctionalInterface
    interface MessageResourceCallback {

        void accept(String kind, String key, IpcProperties.MessageResource entry);
    }

    private static void checkEnvelopeFraming(String kind, String key, IpcProperties.MessageResource entry,
            Framing framing) {
        if (entry.getWireFormat() == WireFormat.ENVELOPE && framing != Framing.LENGTH_PREFIXED) {
            String path = "ipc." + kind + "." + key;
            throw new InvalidIpcPropertyException(path + ".wire-format", "envelope",
                    "needs framing length-prefixed: an envelope is binary and " + framing
                            + " framing cannot keep its boundaries.",
                    "Set " + path + ".framing: length-prefixed, or " + path + ".wire-format: raw.");
        }
    }

    /** Wire format and dead-letter key per queue, FIFO and pipe key. */
    static Map<String, BeanFactoryIpcDestinationResolver.Settings> settings(IpcProperties properties) {
        Map<String, BeanFactoryIpcDestinationResolver.Settings> settings = new LinkedHashMap<>();
        forEach(properties, (kind, key, entry) -> settings.put(key, settings(entry)));
        return settings;
    }

    private static BeanFactoryIpcDestinationResolver.Settings settings(IpcProperties.MessageResource entry) {
        return new BeanFactoryIpcDestinationResolver.Settings(entry.getWireFormat(), entry.getDeadLetter());
    }

    private static void checkChannel(boolean integration, String kind, String key,
            IpcProperties.MessageResource entry) {
        if (entry.getChannel() != null && !integration) {
            String property = "ipc." + kind + "." + key + ".channel";
            throw new InvalidIpcPropertyException(property, entry.getChannel(),
                    "needs Spring Integration, which is not on the classpath.",
                    "Add org.springframework.integration:spring-integration-core (ipc-spring-boot-starter brings it), "
                            + "or remove " + property + ".");
        }
    }

    private static void checkDeadLetter(IpcProperties properties, String kind, String key,
            IpcProperties.MessageResource entry) {
        String deadLetter = entry.getDeadLetter();
        if (deadLetter == null) {
            return;
        }
        String property = "ipc." + kind + "." + key + ".dead-letter";
        if (deadLetter.equals(key)) {
            throw new InvalidIpcPropertyException(property, deadLetter, "is the queue itself.",
                    "Name another queue or FIFO, e.g. " + key + "-dlq declared under ipc.queues.");
        }
        if (!properties.getQueues().containsKey(deadLetter) && !properties.getFifos().containsKey(deadLetter)
                && !properties.getPipes().containsKey(deadLetter)) {
            throw new InvalidIpcPropertyException(property, deadLetter, "names no declared queue, FIFO or pipe.",
                    "Declare ipc.queues." + deadLetter + " (or ipc.fifos." + deadLetter + "), or fix the key.");
        }
    }
}
