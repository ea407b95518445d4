package dev.springipc.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.autoconfigure.IpcObservationAutoConfiguration;
import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-place path of {@code @IpcListener} methods that take only a {@code String} or
 * {@code byte[]} on a shm queue, and the template's direct write of such payloads: the same
 * arguments, counts, retries, error handling and dead letters as the full path, which every other
 * signature, every unusual message and observed traffic still takes.
 */
class IpcInPlaceDeliveryTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class,
                IpcObservationAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + TestNames.unique("inp"), "ipc.listener.receive-timeout=100ms",
                "ipc.listener.retry.initial-interval=10ms", "ipc.queues.texts.type=shm", "ipc.queues.bytes.type=shm");

    record Order(String id, int quantity) {
    }

    @Test
    void stringAndBytesListenersOnAShmQueueAreInvokedInPlaceWithThePayloadAsSent() {
        this.runner.withUserConfiguration(SimpleListeners.class, CountingTraffic.class).run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("texts", "h\u00e9llo");
            template.convertAndSend("texts", new Order("A-1", 2)); // JSON: a String parameter gets the text
            template.convertAndSend("bytes", new byte[] { 1, 2, 3 });
            SimpleListeners listeners = context.getBean(SimpleListeners.class);
            assertThat(listeners.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("h\u00e9llo");
            assertThat(listeners.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"id\":\"A-1\",\"quantity\":2}");
            assertThat(listeners.bytes.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
            IpcListenerEndpointRegistry registry = context.getBean(IpcListenerEndpointRegistry.class);
            assertThat(registry.getListenerContainer("text").getInPlaceDeliveryCount()).isEqualTo(2);
            assertThat(registry.getListenerContainer("text").getReceivedCount()).isEqualTo(2);
            assertThat(registry.getListenerContainer("bytes").getInPlaceDeliveryCount()).isEqualTo(1);
            assertThat(context.getBean(CountingTraffic.class).received).hasValue(3);
        });
    }

    @Test
    void onPosixAndSystemVQueuesPayloadOnlyMethodsAreInvokedDirectlyToo() {
        this.runner.withUserConfiguration(OtherKindListeners.class)
            .withPropertyValues("ipc.queues.ptexts.max-messages=4", "ipc.queues.ptexts.wire-format=envelope",
                    "ipc.queues.sbytes.type=sysv", "ipc.queues.sbytes.key=" + this.cleanup.sysvKey("sbytes"),
                    "ipc.queues.sbytes.max-message-size=64B")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("ptexts", "héllo posix");
                byte[] sent = { 4, 5, 6 };
                context.getBean("sbytes", IpcMessageQueue.class).send(sent);
                OtherKindListeners listeners = context.getBean(OtherKindListeners.class);
                assertThat(listeners.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("héllo posix");
                assertThat(listeners.bytes.poll(5, TimeUnit.SECONDS)).containsExactly(4, 5, 6);
                IpcListenerEndpointRegistry registry = context.getBean(IpcListenerEndpointRegistry.class);
                assertThat(registry.getListenerContainer("ptext").getInPlaceDeliveryCount()).isEqualTo(1);
                assertThat(registry.getListenerContainer("sbyte").getInPlaceDeliveryCount()).isEqualTo(1);
            });
    }

    @Test
    void aRecordFromJsonIsReadByTheConverterChainOnTheDirectPathAndBadJsonIsDeadLetteredWithoutRetry() {
        this.runner.withUserConfiguration(RecordListener.class)
            .withPropertyValues("ipc.queues.texts.dead-letter=texts-dlq", "ipc.queues.texts-dlq.max-messages=4",
                    "ipc.queues.raw-orders.max-messages=4", "ipc.listener.retry.max-attempts=3")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("texts", new Order("R-1", 7));
                context.getBean("raw-orders", IpcMessageQueue.class)
                    .send("{\"id\":\"R-2\",\"quantity\":8}".getBytes(StandardCharsets.UTF_8));
                RecordListener listener = context.getBean(RecordListener.class);
                assertThat(List.of(listener.orders.poll(5, TimeUnit.SECONDS), listener.orders.poll(5, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(new Order("R-1", 7), new Order("R-2", 8));
                IpcListenerEndpointRegistry registry = context.getBean(IpcListenerEndpointRegistry.class);
                IpcListenerContainer shm = registry.getListenerContainer("record");
                assertThat(shm.getInPlaceDeliveryCount()).isEqualTo(1);
                assertThat(registry.getListenerContainer("raw-record").getInPlaceDeliveryCount()).isEqualTo(1);
                byte[] bad = new IpcEnvelope(Map.of(IpcEnvelope.CONTENT_TYPE, "application/json"),
                        "{not json".getBytes(StandardCharsets.UTF_8)).encode();
                context.getBean("texts", IpcMessageQueue.class).send(bad);
                IpcMessageQueue deadLetters = context.getBean("texts-dlq", IpcMessageQueue.class);
                assertThat(deadLetters.receive(WAIT).orElseThrow().payload()).isEqualTo(bad);
                byte[] text = new IpcEnvelope(Map.of(IpcEnvelope.CONTENT_TYPE, "text/plain;charset=UTF-8"),
                        "{\"id\":\"R-3\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8)).encode();
                context.getBean("texts", IpcMessageQueue.class).send(text);
                assertThat(deadLetters.receive(WAIT).orElseThrow().payload()).as("no converter reads a record from text")
                    .isEqualTo(text);
                assertThat(listener.calls).as("the method never ran for either").hasValue(2);
                assertThat(shm.getInPlaceDeliveryCount()).as("bad JSON on the direct path, text on the full path")
                    .isEqualTo(2);
                await().atMost(WAIT).untilAsserted(() -> assertThat(shm.getDeadLetteredCount()).isEqualTo(2));
            });
    }

    @Test
    void signaturesThatAskForMoreThanThePayloadTakeTheFullPath() {
        this.runner.withUserConfiguration(FullPathListeners.class).withPropertyValues("ipc.queues.more.type=shm")
            .run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("texts", "text", Map.of("tenant", "acme"));
            template.convertAndSend("bytes", new Order("B-1", 1));
            template.convertAndSend("more", "twenty-six bytes of a text");
            FullPathListeners listeners = context.getBean(FullPathListeners.class);
            await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.calls).containsExactlyInAnyOrder(
                    "header acme", "pojo B-1", "message 26 bytes"));
            IpcListenerEndpointRegistry registry = context.getBean(IpcListenerEndpointRegistry.class);
            for (String id : List.of("header", "pojo", "message")) {
                assertThat(registry.getListenerContainer(id).getInPlaceDeliveryCount()).as(id).isZero();
                assertThat(registry.getListenerContainer(id).getReceivedCount()).as(id).isEqualTo(1);
            }
        });
    }

    @Test
    void aFailingInPlaceListenerIsRetriedThenTheOriginalBytesAreDeadLettered() {
        this.runner.withUserConfiguration(FailingListener.class)
            .withPropertyValues("ipc.queues.texts.dead-letter=texts-dlq", "ipc.queues.texts-dlq.max-messages=4",
                    "ipc.listener.retry.max-attempts=3")
            .run((context) -> {
                byte[] original = new IpcEnvelope(Map.of("tenant", "acme"), "boom".getBytes(StandardCharsets.UTF_8))
                    .encode();
                context.getBean("texts", IpcMessageQueue.class).send(original, 3);
                IpcMessage dead = context.getBean("texts-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow();
                assertThat(dead.payload()).isEqualTo(original);
                assertThat(dead.priority()).isEqualTo(3);
                assertThat(context.getBean(FailingListener.class).attempts).hasValue(3);
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("failing");
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(container.getFailedCount()).isEqualTo(1);
                    assertThat(container.getDeadLetteredCount()).isEqualTo(1);
                });
                assertThat(container.getInPlaceDeliveryCount()).isEqualTo(1);
            });
    }

    @Test
    void theErrorHandlerOfAnInPlaceListenerGetsTheMessageTheFullPathWouldHaveGiven() {
        this.runner.withUserConfiguration(HandledListener.class)
            .withPropertyValues("ipc.listener.retry.max-attempts=1")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("texts", "bad");
                HandledListener listener = context.getBean(HandledListener.class);
                Message<?> message = listener.messages.poll(5, TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat((byte[]) message.getPayload()).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
                assertThat(message.getHeaders()).containsEntry(IpcHeaders.RECEIVED_FROM, "texts")
                    .containsKey(IpcHeaders.RAW_MESSAGE);
                assertThat(listener.failures.poll(5, TimeUnit.SECONDS)).hasMessage("bad input: bad");
                assertThat(context.getBean(IpcListenerEndpointRegistry.class).getListenerContainer("handled")
                    .getInPlaceDeliveryCount()).isEqualTo(1);
            });
    }

    @Test
    void anotherCharsetAnEmptyPayloadAndGarbageTakeTheFullPathWithItsOutcome() {
        this.runner.withUserConfiguration(SimpleListeners.class)
            .withPropertyValues("ipc.queues.texts.dead-letter=texts-dlq", "ipc.queues.texts-dlq.max-messages=4")
            .run((context) -> {
                IpcMessageQueue texts = context.getBean("texts", IpcMessageQueue.class);
                texts.send(new IpcEnvelope(Map.of(IpcEnvelope.CONTENT_TYPE, "text/plain;charset=ISO-8859-1"),
                        "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)).encode());
                assertThat(context.getBean(SimpleListeners.class).texts.poll(5, TimeUnit.SECONDS)).isEqualTo("caf\u00e9");
                byte[] empty = new IpcEnvelope(Map.of(), new byte[0]).encode();
                byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);
                texts.send(empty);
                texts.send(garbage);
                IpcMessageQueue deadLetters = context.getBean("texts-dlq", IpcMessageQueue.class);
                assertThat(deadLetters.receive(WAIT).orElseThrow().payload()).as("an empty payload fails argument resolution")
                    .isEqualTo(empty);
                assertThat(deadLetters.receive(WAIT).orElseThrow().payload()).isEqualTo(garbage);
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("text");
                assertThat(container.getInPlaceDeliveryCount()).isZero();
                assertThat(container.getReceivedCount()).isEqualTo(3);
                await().atMost(WAIT).untilAsserted(() -> assertThat(container.getDeadLetteredCount()).isEqualTo(2));
            });
    }

    @Test
    void withObservationsOnEveryMessageTakesTheFullPathAndIsObserved() {
        this.runner.withUserConfiguration(SimpleListeners.class, RecordingObservations.class)
            .withPropertyValues("ipc.observation.enabled=true")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("texts", "traced");
                assertThat(context.getBean(SimpleListeners.class).texts.poll(5, TimeUnit.SECONDS)).isEqualTo("traced");
                await().atMost(WAIT).untilAsserted(() -> assertThat(context.getBean(RecordingObservations.class).names)
                    .contains("ipc.send", "ipc.receive"));
                assertThat(context.getBean(IpcListenerEndpointRegistry.class).getListenerContainer("text")
                    .getInPlaceDeliveryCount()).isZero();
            });
    }

    @Test
    void replyingStringAndBytesListenersAnswerInPlaceAndEveryRequesterGetsItsReply() {
        this.runner.withUserConfiguration(ReplyingListeners.class, ReplyReaders.class).run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            assertThat(template.convertSendAndReceive("texts", "h\u00e9llo", String.class, WAIT)).isEqualTo("H\u00c9LLO");
            assertThat(template.convertSendAndReceive("bytes", new byte[] { 1, 2, 3 }, byte[].class, WAIT))
                .containsExactly(3, 2, 1);
            // A request through the full path, with a header of its own, gets the same kind of reply.
            Message<byte[]> reply = template.sendAndReceive(template.getDestinationResolver().resolve("texts"),
                    template.convert("abc", Map.of("tenant", "acme")), WAIT);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ABC");
            assertThat(reply.getHeaders().get(org.springframework.messaging.MessageHeaders.CONTENT_TYPE))
                .hasToString("text/plain;charset=UTF-8");
            IpcListenerEndpointRegistry registry = context.getBean(IpcListenerEndpointRegistry.class);
            assertThat(registry.getListenerContainer("upper").getInPlaceDeliveryCount()).isEqualTo(2);
            assertThat(registry.getListenerContainer("reverse").getInPlaceDeliveryCount()).isEqualTo(1);
            assertThat(template.getLateReplies()).isZero();
            assertThat(template.getMisroutedReplies()).isZero();
            assertThat(context.getBean(ReplyReaders.class).threads).as("a lone caller takes its own reply: no hand-off")
                .containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName(),
                        Thread.currentThread().getName());
        });
    }

    @Test
    void anInPlaceReplyGoesToTheReplyToElseToSendToWithTheCorrelationIdAndNoneForNull() {
        this.runner.withUserConfiguration(ForwardingListener.class)
            .withPropertyValues("ipc.queues.answers.type=shm", "ipc.queues.other-answers.type=shm")
            .run((context) -> {
                IpcMessageQueue texts = context.getBean("texts", IpcMessageQueue.class);
                texts.send(new IpcEnvelope(Map.of(IpcEnvelope.CORRELATION_ID, "C-1"), utf8("none")).encode());
                texts.send(new IpcEnvelope(Map.of(IpcEnvelope.CORRELATION_ID, "C-2"), utf8("x")).encode());
                texts.send(new IpcEnvelope(Map.of(IpcEnvelope.CORRELATION_ID, "C-3", IpcEnvelope.REPLY_TO,
                        "other-answers"), utf8("y")).encode());
                texts.send(new IpcEnvelope(Map.of(), utf8("z")).encode());
                IpcMessageQueue answers = context.getBean("answers", IpcMessageQueue.class);
                IpcEnvelope first = IpcEnvelope.decode(answers.receive(WAIT).orElseThrow().payload());
                assertThat(first.headers()).containsEntry(IpcEnvelope.CORRELATION_ID, "C-2")
                    .containsEntry(IpcEnvelope.CONTENT_TYPE, "text/plain;charset=UTF-8")
                    .hasSize(2);
                assertThat(first.payload()).isEqualTo(utf8("fwd x"));
                IpcEnvelope uncorrelated = IpcEnvelope.decode(answers.receive(WAIT).orElseThrow().payload());
                assertThat(uncorrelated.headers()).containsOnlyKeys(IpcEnvelope.CONTENT_TYPE);
                assertThat(uncorrelated.payload()).isEqualTo(utf8("fwd z"));
                IpcEnvelope other = IpcEnvelope.decode(context.getBean("other-answers", IpcMessageQueue.class)
                    .receive(WAIT)
                    .orElseThrow()
                    .payload());
                assertThat(other.headers()).containsEntry(IpcEnvelope.CORRELATION_ID, "C-3");
                assertThat(other.payload()).isEqualTo(utf8("fwd y"));
                assertThat(answers.receive(Duration.ofMillis(200))).as("null is no reply").isEmpty();
                assertThat(context.getBean(IpcListenerEndpointRegistry.class).getListenerContainer("forward")
                    .getInPlaceDeliveryCount()).isEqualTo(4);
            });
    }

    @Test
    void anInPlaceReplyThatCannotBeSentIsAReplyFailureForTheErrorHandler() {
        this.runner.withUserConfiguration(ReplyingListeners.class, ReplyErrors.class)
            .withPropertyValues("ipc.listener.retry.max-attempts=1")
            .run((context) -> {
                context.getBean("texts", IpcMessageQueue.class)
                    .send(new IpcEnvelope(Map.of(IpcEnvelope.CORRELATION_ID, "C-4", IpcEnvelope.REPLY_TO, "nowhere"),
                            utf8("lost")).encode());
                Throwable failure = context.getBean(ReplyErrors.class).failures.poll(5, TimeUnit.SECONDS);
                assertThat(failure).isInstanceOf(IpcListenerReplyException.class)
                    .hasMessageContaining("Listener 'upper' could not send its reply")
                    .hasMessageContaining("'nowhere'");
            });
    }

    @Test
    void aTemplateSubclassGetsTheRepliesThroughItsOwnSendOnTheFullPath() {
        this.runner.withUserConfiguration(ReplyingListeners.class, CountingTemplate.class).run((context) -> {
            CountingTemplate config = context.getBean(CountingTemplate.class);
            IpcTemplate template = context.getBean(IpcTemplate.class);
            assertThat(template.getClass()).isNotEqualTo(IpcTemplate.class);
            Message<byte[]> reply = template.sendAndReceive(template.getDestinationResolver().resolve("texts"),
                    template.convert("abc", Map.of()), WAIT);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ABC");
            assertThat(config.sent).as("the request and the reply, both through the overridden send").hasValue(2);
            assertThat(context.getBean(IpcListenerEndpointRegistry.class).getListenerContainer("upper")
                .getInPlaceDeliveryCount()).isZero();
        });
    }

    @Test
    void theTemplateWritesStringsAndBytesWithoutHeadersAsTheFullPathDoes() {
        this.runner.withPropertyValues("ipc.listener.enabled=false", "ipc.queues.plain.max-messages=4").run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            IpcMessageQueue texts = context.getBean("texts", IpcMessageQueue.class);
            IpcMessageQueue plain = context.getBean("plain", IpcMessageQueue.class);
            for (Object payload : List.of("h\u00e9llo", "", new byte[] { 7, 8 }, new byte[0])) {
                template.convertAndSend("texts", payload); // direct
                template.convertAndSend("texts", payload, Map.of()); // through Message, converter and header mapper
                assertThat(texts.receive(WAIT).orElseThrow().payload()).as("envelope of %s", payload)
                    .isEqualTo(texts.receive(WAIT).orElseThrow().payload());
                template.convertAndSend("plain", payload);
                template.convertAndSend("plain", payload, Map.of());
                assertThat(plain.receive(WAIT).orElseThrow().payload()).as("raw %s", payload)
                    .isEqualTo(plain.receive(WAIT).orElseThrow().payload());
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ReplyingListeners {

        @IpcListener(value = "texts", id = "upper")
        String upper(String text) {
            return text.toUpperCase(java.util.Locale.ROOT);
        }

        @IpcListener(value = "bytes", id = "reverse")
        byte[] reverse(byte[] payload) {
            byte[] reversed = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                reversed[i] = payload[payload.length - 1 - i];
            }
            return reversed;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ForwardingListener {

        @IpcListener(value = "texts", id = "forward")
        @org.springframework.messaging.handler.annotation.SendTo("answers")
        @Nullable String forward(String text) {
            return text.equals("none") ? null : "fwd " + text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReplyReaders {

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Bean
        IpcTrafficObserver replyReadingThreads() {
            return new IpcTrafficObserver() {
                @Override
                public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
                    if (listenerId == null) {
                        ReplyReaders.this.threads.add(Thread.currentThread().getName());
                    }
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CountingTemplate {

        final AtomicInteger sent = new AtomicInteger();

        @Bean
        IpcTemplate countingTemplate(dev.springipc.messaging.IpcDestinationResolver destinations,
                dev.springipc.messaging.IpcWireCodec codec, org.springframework.core.env.Environment environment) {
            IpcTemplate template = new IpcTemplate(destinations, dev.springipc.messaging.IpcMessageConverter.withDefaults(),
                    codec) {
                @Override
                public void send(IpcDestination destination, Message<?> message) {
                    CountingTemplate.this.sent.incrementAndGet();
                    super.send(destination, message);
                }
            };
            template.setNamespace(environment.getProperty("ipc.namespace")); // its temporary replies are ours
            return template;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReplyErrors {

        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

        @Bean
        IpcListenerErrorHandler ipcListenerErrorHandler() {
            return (message, failure) -> this.failures.add(failure);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class SimpleListeners {

        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        final BlockingQueue<byte[]> bytes = new LinkedBlockingQueue<>();

        @IpcListener(value = "texts", id = "text")
        void text(String text) {
            this.texts.add(text);
        }

        @IpcListener(value = "bytes", id = "bytes")
        void bytes(byte[] payload) {
            this.bytes.add(payload);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OtherKindListeners {

        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        final BlockingQueue<byte[]> bytes = new LinkedBlockingQueue<>();

        @IpcListener(value = "ptexts", id = "ptext")
        void text(String text) {
            this.texts.add(text);
        }

        @IpcListener(value = "sbytes", id = "sbyte")
        void bytes(byte[] payload) {
            this.bytes.add(payload);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RecordListener {

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        final AtomicInteger calls = new AtomicInteger();

        @IpcListener(value = "texts", id = "record")
        void on(Order order) {
            this.calls.incrementAndGet();
            this.orders.add(order);
        }

        @IpcListener(value = "raw-orders", id = "raw-record")
        void onRaw(Order order) {
            this.calls.incrementAndGet();
            this.orders.add(order);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FullPathListeners {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @IpcListener(value = "texts", id = "header")
        void header(String text, @Header("tenant") String tenant) {
            this.calls.add("header " + tenant);
        }

        @IpcListener(value = "bytes", id = "pojo")
        void pojo(Map<String, Object> order) {
            this.calls.add("pojo " + order.get("id"));
        }

        @IpcListener(value = "more", id = "message")
        void message(Message<byte[]> message) {
            this.calls.add("message " + message.getPayload().length + " bytes");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {

        final AtomicInteger attempts = new AtomicInteger();

        @IpcListener(value = "texts", id = "failing")
        void on(String text) {
            this.attempts.incrementAndGet();
            throw new IllegalStateException("cannot process " + text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class HandledListener {

        final BlockingQueue<Message<?>> messages = new LinkedBlockingQueue<>();

        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

        @Bean
        IpcListenerErrorHandler textErrors() {
            return (message, failure) -> {
                if (message != null) {
                    this.messages.add(message);
                }
                this.failures.add(failure);
            };
        }

        @IpcListener(value = "texts", id = "handled", errorHandler = "textErrors")
        void on(String text) {
            throw new IllegalArgumentException("bad input: " + text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CountingTraffic {

        final AtomicLong received = new AtomicLong();

        @Bean
        IpcTrafficObserver countingTrafficObserver() {
            return new IpcTrafficObserver() {
                @Override
                public void received(IpcDestination destination, int bytes, @Nullable String listenerId) {
                    if (listenerId != null) {
                        CountingTraffic.this.received.incrementAndGet();
                    }
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingObservations {

        final List<String> names = new CopyOnWriteArrayList<>();

        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new ObservationHandler<>() {
                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }

                @Override
                public void onStop(Observation.Context context) {
                    RecordingObservations.this.names.add(context.getName());
                }
            });
            return registry;
        }

    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
