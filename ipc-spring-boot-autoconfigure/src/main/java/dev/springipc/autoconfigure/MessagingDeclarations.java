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
        forEach(properties, (path, key, entry) -> {
            checkDeadLetter(properties, path, key, entry);
            checkChannel(integration, path, entry);
        });
        properties.getFifos()
            .forEach((key, fifo) -> checkEnvelopeFraming(IpcResourceKind.FIFOS.propertyPath(key), fifo, fifo.getFraming()));
        properties.getPipes()
            .forEach((key, pipe) -> checkEnvelopeFraming(IpcResourceKind.PIPES.propertyPath(key), pipe, pipe.getFraming()));
        checkReplyQueue(properties);
    }

    /** Replies are matched by correlation id, which only the envelope carries: a raw reply queue cannot work. */
    private static void checkReplyQueue(IpcProperties properties) {
        String replyQueue = properties.getTemplate().getReplyQueue();
        if (replyQueue == null) {
            return;
        }
        forEach(properties, (path, key, entry) -> {
            if (key.equals(replyQueue) && effectiveWireFormat(entry) == WireFormat.RAW) {
                throw new InvalidIpcPropertyException("ipc.template.reply-queue", replyQueue,
                        "names " + path + ", whose wire format is raw, but replies are matched by correlation id, "
                                + "which only the envelope carries: it needs " + path + ".wire-format: envelope.",
                        "Set " + path + ".wire-format: envelope (on both sides), or leave ipc.template.reply-queue "
                                + "unset for a temporary reply queue.");
            }
        });
    }

    private static WireFormat effectiveWireFormat(IpcProperties.MessageResource entry) {
        if (entry.getWireFormat() != null) {
            return entry.getWireFormat();
        }
        return (entry instanceof IpcProperties.Queue queue && queue.getType() == QueueType.SHM) ? WireFormat.ENVELOPE
                : WireFormat.RAW;
    }

    /** Every resource that carries messages, with its property path ({@code ipc.queues.orders}). */
    static void forEach(IpcProperties properties, MessageResourceCallback callback) {
        properties.getQueues().forEach((key, queue) -> callback.accept(IpcResourceKind.QUEUES.propertyPath(key), key, queue));
        properties.getFifos().forEach((key, fifo) -> callback.accept(IpcResourceKind.FIFOS.propertyPath(key), key, fifo));
        properties.getPipes().forEach((key, pipe) -> callback.accept(IpcResourceKind.PIPES.propertyPath(key), key, pipe));
    }

    @FunctionalInterface
    interface MessageResourceCallback {

        void accept(String path, String key, IpcProperties.MessageResource entry);
    }

    private static void checkEnvelopeFraming(String path, IpcProperties.MessageResource entry, Framing framing) {
        if (entry.getWireFormat() == WireFormat.ENVELOPE && framing != Framing.LENGTH_PREFIXED) {
            throw new InvalidIpcPropertyException(path + ".wire-format", "envelope",
                    "needs framing length-prefixed: an envelope is binary and " + framing
                            + " framing cannot keep its boundaries.",
                    "Set " + path + ".framing: length-prefixed, or " + path + ".wire-format: raw.");
        }
    }

    /** Wire format and dead-letter key per queue, FIFO and pipe key. */
    static Map<String, BeanFactoryIpcDestinationResolver.Settings> settings(IpcProperties properties) {
        Map<String, BeanFactoryIpcDestinationResolver.Settings> settings = new LinkedHashMap<>();
        forEach(properties, (path, key, entry) -> settings.put(key,
                new BeanFactoryIpcDestinationResolver.Settings(entry.getWireFormat(), entry.getDeadLetter(), path)));
        return settings;
    }

    private static void checkChannel(boolean integration, String path, IpcProperties.MessageResource entry) {
        if (entry.getChannel() != null && !integration) {
            String property = path + ".channel";
            throw new InvalidIpcPropertyException(property, entry.getChannel(),
                    "needs Spring Integration, which is not on the classpath.",
                    "Add org.springframework.integration:spring-integration-core (ipc-spring-boot-starter brings it), "
                            + "or remove " + property + ".");
        }
    }

    private static void checkDeadLetter(IpcProperties properties, String path, String key,
            IpcProperties.MessageResource entry) {
        String deadLetter = entry.getDeadLetter();
        if (deadLetter == null) {
            return;
        }
        String property = path + ".dead-letter";
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
