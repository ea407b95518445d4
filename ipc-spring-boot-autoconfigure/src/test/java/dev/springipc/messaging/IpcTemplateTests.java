package dev.springipc.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link IpcTemplate} over real queues: what each wire format puts on the queue, conversion of
 * byte[], String and JSON payloads, header mapping, priority and type, timeouts.
 */
class IpcTemplateTests {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("tpl");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace);

    record Order(String id, int quantity) {
    }

    @Test
    void rawQueueCarriesExactlyThePayloadBytesToANativeReader() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("orders", "hello", Map.of("tenant", "acme"));
            template.convertAndSend("orders", new Order("A-1", 2));
            try (IpcMessageQueue reader = IpcMessageQueue.posix("/" + this.namespace + ".orders")
                .create(CreateMode.OPEN_ONLY)
                .open()) {
                assertThat(reader.receive(WAIT).orElseThrow().payloadAsString()).isEqualTo("hello");
                assertThat(reader.receive(WAIT).orElseThrow().payloadAsString())
                    .isEqualTo("{\"id\":\"A-1\",\"quantity\":2}");
            }
        });
    }

    @Test
    void envelopeCarriesContentTypeAndUserHeadersAndJsonConvertsBackToAPojo() {
        this.runner.withPropertyValues("ipc.queues.orders.wire-format=envelope").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("orders", new Order("A-2", 5),
                    Map.of("tenant", "acme", "attempt", 3, IpcHeaders.TRACEPARENT, "00-abc-def-01"));
            Message<byte[]> received = template.receive("orders", WAIT);
            assertThat(received).isNotNull();
            MessageHeaders headers = received.getHeaders();
            assertThat(headers.get(MessageHeaders.CONTENT_TYPE)).hasToString("application/json");
            assertThat(headers).containsEntry("tenant", "acme")
                .containsEntry("attempt", "3")
                .containsEntry(IpcHeaders.TRACEPARENT, "00-abc-def-01")
                .containsEntry(IpcHeaders.RECEIVED_FROM, "orders");
            assertThat(template.getMessageConverter().fromMessage(received, Order.class))
                .isEqualTo(new Order("A-2", 5));

            template.convertAndSend("orders", new Order("A-3", 1));
            assertThat(template.receiveAndConvert("orders", Order.class, WAIT)).isEqualTo(new Order("A-3", 1));
        });
    }

    @Test
    void envelopeOnTheWireIsDecodableByAnyPeerWithTheCoreCodec() {
        this.runner.withPropertyValues("ipc.queues.orders.wire-format=envelope").run((context) -> {
            context.getBean(IpcTemplate.class).convertAndSend("orders", "text", Map.of("tenant", "acme"));
            try (IpcMessageQueue reader = IpcMessageQueue.posix("/" + this.namespace + ".orders")
                .create(CreateMode.OPEN_ONLY)
                .open()) {
                IpcEnvelope envelope = IpcEnvelope.decode(reader.receive(WAIT).orElseThrow().payload());
                assertThat(new String(envelope.payload(), StandardCharsets.UTF_8)).isEqualTo("text");
                assertThat(envelope.header(IpcEnvelope.CONTENT_TYPE)).startsWith("text/plain");
                assertThat(envelope.header("tenant")).isEqualTo("acme");
            }
        });
    }

    @Test
    void bytesAndStringsConvertWhateverTheContentType() {
        this.runner.withPropertyValues("ipc.queues.ticks.type=shm", "ipc.queues.ticks.max-messages=8",
                "ipc.queues.ticks.max-message-size=1KB").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("ticks", new byte[] { 1, 2, 3 });
            Message<byte[]> bytes = template.receive("ticks", WAIT);
            assertThat(bytes.getPayload()).containsExactly(1, 2, 3);
            assertThat(bytes.getHeaders().get(MessageHeaders.CONTENT_TYPE))
                .isEqualTo(MimeTypeUtils.APPLICATION_OCTET_STREAM);
            template.convertAndSend("ticks", Map.of("price", 42));
            assertThat(template.receiveAndConvert("ticks", String.class, WAIT)).isEqualTo("{\"price\":42}");
        });
    }

    @Test
    void priorityAndTypeHeadersReachThePosixAndSystemVQueues() {
        int key = this.cleanup.sysvKey("typed");
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4", "ipc.queues.legacy.type=sysv",
                "ipc.queues.legacy.key=" + key).run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("orders", "low", Map.of(IpcHeaders.PRIORITY, 1));
            template.convertAndSend("orders", "high", Map.of(IpcHeaders.PRIORITY, 7));
            Message<byte[]> first = template.receive("orders", WAIT);
            assertThat(new String(first.getPayload(), StandardCharsets.UTF_8)).isEqualTo("high");
            assertThat(first.getHeaders()).containsEntry(IpcHeaders.PRIORITY, 7);

            template.convertAndSend("legacy", "typed", Map.of(IpcHeaders.TYPE, 42L));
            IpcMessage raw = context.getBean("legacy", IpcSysvMessageQueue.class).receive(42L, WAIT).orElseThrow();
            assertThat(raw.payloadAsString()).isEqualTo("typed");
            assertThat(raw.type()).isEqualTo(42L);
        });
    }

    @Test
    void receivingMethodsReturnNullOnTimeout() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            assertThat(template.receive("orders", Duration.ofMillis(50))).isNull();
            assertThat(template.receiveAndConvert("orders", String.class, Duration.ofMillis(50))).isNull();
        });
    }

    @Test
    void anEnvelopeQueueRefusesGarbageWithAnErrorNamingTheFix() throws Exception {
        this.runner.withPropertyValues("ipc.queues.orders.wire-format=envelope").run((context) -> {
            context.getBean("orders", IpcMessageQueue.class).send("not an envelope".getBytes(StandardCharsets.UTF_8));
            assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> context.getBean(IpcTemplate.class).receive("orders", WAIT))
                .withMessageContaining("'orders'")
                .withMessageContaining("ipc.queues.orders.wire-format: raw");
        });
    }

    @Test
    void requestReplyNeedsEnvelopeDestinationsAndAReplyQueueOrANamespace() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.setNamespace(null); // no temporary reply queue without one
            assertThatIllegalStateException()
                .isThrownBy(() -> template.convertSendAndReceive("orders", "x", String.class, WAIT))
                .withMessageContaining("ipc.template.reply-queue");
            template.setReplyQueue("orders");
            assertThatIllegalStateException()
                .isThrownBy(() -> template.convertSendAndReceive("orders", "x", String.class, WAIT))
                .withMessageContaining("ipc.queues.orders.wire-format: envelope");
        });
    }

    @Test
    void anApplicationsTemplateAndContainerFactoryReplaceTheAutoConfiguredOnes() {
        this.runner.withUserConfiguration(CustomBeans.class).run((context) -> {
            assertThat(context).getBean(IpcTemplate.class).isSameAs(context.getBean("customTemplate"));
            assertThat(context).getBean(dev.springipc.listener.IpcListenerContainerFactory.class)
                .isSameAs(context.getBean("ipcListenerContainerFactory"));
            assertThat(context.getBean(IpcTemplate.class).getReplyQueue()).isEqualTo("custom-replies");
        });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class CustomBeans {

        @org.springframework.context.annotation.Bean
        IpcTemplate customTemplate(IpcDestinationResolver destinations) {
            IpcTemplate template = new IpcTemplate(destinations, IpcMessageConverter.withDefaults(),
                    new IpcWireCodec(new IpcHeaderMapper()));
            template.setReplyQueue("custom-replies");
            return template;
        }

        @org.springframework.context.annotation.Bean
        dev.springipc.listener.IpcListenerContainerFactory ipcListenerContainerFactory(
                dev.springipc.autoconfigure.IpcListenerContainerFactoryConfigurer configurer) {
            dev.springipc.listener.IpcListenerContainerFactory factory = new dev.springipc.listener.IpcListenerContainerFactory();
            configurer.configure(factory);
            return factory;
        }

    }

    @Test
    void bothReceiveMethodsReturnTheSameMessageType() {
        this.runner.withPropertyValues("ipc.queues.orders.max-messages=4", "ipc.template.default-destination=orders",
                    "ipc.template.receive-timeout=100ms")
            .run((context) -> {
                IpcOperations template = context.getBean(IpcOperations.class);
                template.convertAndSend("orders", "first");
                Message<byte[]> byDefault = template.receive();
                assertThat(byDefault).isNotNull();
                assertThat(new String(byDefault.getPayload(), StandardCharsets.UTF_8)).isEqualTo("first");
                Message<byte[]> byKey = template.receive("orders", Duration.ofMillis(100));
                assertThat(byKey).isNull();
            });
    }

    @Test
    void theResolverAndTheHeaderMapperServeAsSpringMessagingTypes() {
        this.runner.withPropertyValues("ipc.queues.orders.wire-format=envelope").run((context) -> {
            org.springframework.messaging.core.DestinationResolver<IpcDestination> resolver = context
                .getBean(IpcDestinationResolver.class);
            assertThat(resolver.resolveDestination("orders").wireFormat()).isEqualTo(WireFormat.ENVELOPE);
            assertThatExceptionOfType(org.springframework.messaging.core.DestinationResolutionException.class)
                .isThrownBy(() -> resolver.resolveDestination("nope"))
                .withMessageContaining("ipc.queues.nope");
            org.springframework.messaging.support.HeaderMapper<Map<String, String>> mapper = context
                .getBean(IpcHeaderMapper.class);
            Map<String, String> envelope = new java.util.LinkedHashMap<>();
            mapper.fromHeaders(new MessageHeaders(Map.of(IpcHeaders.CORRELATION_ID, "c-1", "tenant", "acme")),
                    envelope);
            assertThat(envelope).containsEntry(IpcEnvelope.CORRELATION_ID, "c-1").containsEntry("tenant", "acme")
                .doesNotContainKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
            assertThat(mapper.toHeaders(envelope)).containsEntry(IpcHeaders.CORRELATION_ID, "c-1")
                .containsEntry("tenant", "acme");
        });
    }

    @Test
    void unknownKeysAndBadDeadLettersFailWithTheFix() {
        this.runner.run((context) -> assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> context.getBean(IpcTemplate.class).convertAndSend("nope", "x"))
            .withMessageContaining("ipc.queues.nope"));
        this.runner.withPropertyValues("ipc.queues.orders.dead-letter=missing")
            .run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("ipc.queues.orders.dead-letter"));
        this.runner.withPropertyValues("ipc.fifos.audit.wire-format=envelope")
            .run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("length-prefixed"));
    }
}
