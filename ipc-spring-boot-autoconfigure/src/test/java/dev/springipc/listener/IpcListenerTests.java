package dev.springipc.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @IpcListener} methods over real queues: argument resolution and conversion, replies,
 * retry then dead-letter, poison messages, error handlers, concurrency, graceful stop, the switch.
 */
class IpcListenerTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("lst");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace, "ipc.listener.receive-timeout=100ms",
                "ipc.listener.retry.initial-interval=10ms");

    record Order(String id, int quantity) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void argumentsAreResolvedFromPayloadHeadersAndTheRawMessage() {
        this.runner.withUserConfiguration(ArgumentsListener.class)
            .withPropertyValues("ipc.queues.orders.wire-format=envelope")
            .run((context) -> {
                context.getBean(IpcTemplate.class)
                    .convertAndSend("orders", new Order("A-1", 3), Map.of("tenant", "acme", IpcHeaders.PRIORITY, 4));
                Object[] call = context.getBean(ArgumentsListener.class).calls.poll(5, TimeUnit.SECONDS);
                assertThat(call).isNotNull();
                assertThat(call[0]).isEqualTo(new Order("A-1", 3));
                assertThat(call[1]).isEqualTo("acme");
                assertThat((Map<String, Object>) call[2]).containsEntry(IpcHeaders.RECEIVED_FROM, "orders");
                assertThat(((IpcMessage) call[3]).priority()).isEqualTo(4);
                assertThat(IpcEnvelope.decode(((IpcMessage) call[3]).payload()).header("tenant")).isEqualTo("acme");
                assertThat(((Message<?>) call[4]).getPayload()).isInstanceOf(byte[].class);
            });
    }

    @Test
    void rawQueuesDeliverStringsAndBytesAsSent() {
        this.runner.withUserConfiguration(TextListener.class)
            .withPropertyValues("ipc.queues.text.max-messages=4")
            .run((context) -> {
                context.getBean("text", IpcMessageQueue.class).send("plain text".getBytes(StandardCharsets.UTF_8));
                assertThat(context.getBean(TextListener.class).texts.poll(5, TimeUnit.SECONDS)).isEqualTo("plain text");
            });
    }

    @Test
    void aReturnValueIsTheReplyToTheRequestsReplyToKey() {
        this.runner.withUserConfiguration(ReplyingListener.class)
            .withPropertyValues("ipc.queues.requests.wire-format=envelope", "ipc.queues.replies.wire-format=envelope",
                    "ipc.template.reply-queue=replies")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                assertThat(template.convertSendAndReceive("requests", new Order("A-7", 2), Order.class, WAIT))
                    .isEqualTo(new Order("A-7-confirmed", 4));
                assertThat(template.convertSendAndReceive("requests", new Order("A-8", 1), Order.class, WAIT))
                    .isEqualTo(new Order("A-8-confirmed", 2));
            });
    }

    @Test
    void withoutReplyToTheReturnValueGoesToSendTo() {
        this.runner.withUserConfiguration(SendToListener.class)
            .withPropertyValues("ipc.queues.in.max-messages=4", "ipc.queues.out.max-messages=4")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("in", "shout");
                assertThat(template.receiveAndConvert("out", String.class, WAIT)).isEqualTo("SHOUT");
            });
    }

    @Test
    void aListenerThatThrowsIsRetriedThenTheOriginalBytesAreDeadLettered() {
        this.runner.withUserConfiguration(FailingListener.class)
            .withPropertyValues("ipc.queues.orders.wire-format=envelope", "ipc.queues.orders.dead-letter=orders-dlq",
                    "ipc.queues.orders-dlq.max-messages=4", "ipc.listener.retry.max-attempts=3")
            .run((context) -> {
                byte[] original = new IpcEnvelope(Map.of("tenant", "acme"), "boom".getBytes(StandardCharsets.UTF_8))
                    .encode();
                context.getBean("orders", IpcMessageQueue.class).send(original, 3);
                IpcMessage dead = context.getBean("orders-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow();
                assertThat(dead.payload()).isEqualTo(original);
                assertThat(dead.priority()).isEqualTo(3);
                assertThat(context.getBean(FailingListener.class).attempts).hasValue(3);
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("failing");
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(container.getFailedCount()).isEqualTo(1);
                    assertThat(container.getDeadLetteredCount()).isEqualTo(1);
                });
            });
    }

    @Test
    void undecodableJsonIsDeadLetteredWithoutRetryAndTheContainerGoesOn() {
        this.runner.withUserConfiguration(JsonListener.class)
            .withPropertyValues("ipc.queues.orders.dead-letter=orders-dlq", "ipc.queues.orders.max-messages=4",
                    "ipc.queues.orders-dlq.max-messages=4")
            .run((context) -> {
                IpcMessageQueue orders = context.getBean("orders", IpcMessageQueue.class);
                orders.send("{not json".getBytes(StandardCharsets.UTF_8));
                orders.send("{\"id\":\"A-9\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
                assertThat(context.getBean(JsonListener.class).orders.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new Order("A-9", 1));
                assertThat(context.getBean("orders-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow()
                    .payloadAsString()).isEqualTo("{not json");
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("json");
                assertThat(container.isRunning()).isTrue();
                assertThat(container.getReceivedCount()).isEqualTo(2);
            });
    }

    @Test
    void aPayloadThatFailsValidationNeverReachesTheMethodAndIsDeadLettered() {
        this.runner.withUserConfiguration(ValidatingListener.class)
            .withPropertyValues("ipc.queues.orders.dead-letter=orders-dlq", "ipc.queues.orders.max-messages=4",
                    "ipc.queues.orders-dlq.max-messages=4")
            .run((context) -> {
                IpcMessageQueue orders = context.getBean("orders", IpcMessageQueue.class);
                orders.send("{\"id\":\"A-1\",\"quantity\":0}".getBytes(StandardCharsets.UTF_8));
                orders.send("{\"id\":\"A-2\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8));
                assertThat(context.getBean(ValidatingListener.class).orders.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new Order("A-2", 2));
                assertThat(context.getBean("orders-dlq", IpcMessageQueue.class).receive(WAIT).orElseThrow()
                    .payloadAsString()).contains("\"A-1\"");
                assertThat(context.getBean(ValidatingListener.class).orders).isEmpty();
            });
    }

    @Test
    void anErrorHandlerBeanNamedOnTheListenerHandlesTheFailure() {
        this.runner.withUserConfiguration(HandledListener.class)
            .withPropertyValues("ipc.queues.orders.max-messages=4", "ipc.listener.retry.max-attempts=1")
            .run((context) -> {
                context.getBean(IpcTemplate.class).convertAndSend("orders", "bad");
                Throwable handled = context.getBean(HandledListener.class).handled.poll(5, TimeUnit.SECONDS);
                assertThat(handled).hasMessage("bad input: bad");
                IpcListenerContainer container = context.getBean(IpcListenerEndpointRegistry.class)
                    .getListenerContainer("handled");
                assertThat(container.getDeadLetteredCount()).isZero();
            });
    }

    @Test
    void concurrencyStartsThatManyConsumersAndStopWaitsForInFlightMessages() throws Exception {
        SlowListener slow = new SlowListener();
        this.runner.withBean(SlowListener.class, () -> slow)
            .withPropertyValues("ipc.queues.work.max-messages=4")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("work", "a");
                template.convertAndSend("work", "b");
                assertThat(slow.started.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(slow.threads).hasSize(2).doesNotHaveDuplicates();
                assertThat(context.getBean(IpcListenerEndpointRegistry.class).getListenerContainer("slow")
                    .getConcurrency()).isEqualTo(2);
            });
        // The context closed while both messages were in flight; both finished.
        assertThat(slow.finished).hasValue(2);
    }

    @Test
    void aSingleConsumerRingFeedsOneListenerThreadAndRefusesMore() {
        this.runner.withUserConfiguration(TextListener.class)
            .withPropertyValues("ipc.queues.text.type=shm", "ipc.queues.text.single-consumer=true",
                    "ipc.queues.text.max-messages=4", "ipc.queues.text.max-message-size=1KB")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("text", "one");
                template.convertAndSend("text", "two");
                TextListener listener = context.getBean(TextListener.class);
                assertThat(listener.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("one");
                assertThat(listener.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("two");
            });
        this.runner.withBean(SlowListener.class, SlowListener::new)
            .withPropertyValues("ipc.queues.work.type=shm", "ipc.queues.work.single-consumer=true",
                    "ipc.queues.work.max-messages=4", "ipc.queues.work.max-message-size=1KB")
            .run((context) -> assertThat(context).getFailure()
                .hasStackTraceContaining("Listener 'slow' on 'work': the queue takes a single consumer")
                .hasStackTraceContaining("ipc.queues.work.single-consumer"));
    }

    @Test
    void aReplyWithNowhereToGoIsNotRetriedAndIsDeadLettered() {
        this.runner.withUserConfiguration(NoReplyDestinationListener.class)
            .withPropertyValues("ipc.queues.orders.max-messages=4", "ipc.queues.orders.dead-letter=orders-dlq",
                    "ipc.queues.orders.wire-format=envelope", "ipc.queues.orders-dlq.max-messages=4",
                    "ipc.queues.orders-dlq.wire-format=envelope")
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("orders", "question"); // an envelope without reply-to
                assertThat(template.receiveAndConvert("orders-dlq", String.class, WAIT)).isEqualTo("question");
                assertThat(context.getBean(NoReplyDestinationListener.class).calls).hasValue(1);
            });
    }

    @Test
    void listenersCanBeSwitchedOff() {
        this.runner.withUserConfiguration(TextListener.class)
            .withPropertyValues("ipc.queues.text.max-messages=4", "ipc.listener.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(IpcListenerEndpointRegistry.class);
                context.getBean(IpcTemplate.class).convertAndSend("text", "ignored");
                assertThat(context.getBean(TextListener.class).texts.poll(300, TimeUnit.MILLISECONDS)).isNull();
                assertThat(context.getBean("text", IpcMessageQueue.class).depth()).isOne();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class ArgumentsListener {

        final BlockingQueue<Object[]> calls = new LinkedBlockingQueue<>();

        @IpcListener("orders")
        void on(Order order, @Header("tenant") String tenant, @Headers Map<String, Object> headers, IpcMessage raw,
                Message<?> message) {
            this.calls.add(new Object[] { order, tenant, headers, raw, message });
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TextListener {

        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @IpcListener(queue = "text")
        void on(String text) {
            this.texts.add(text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReplyingListener {

        @IpcListener("requests")
        Order confirm(Order order) {
            return new Order(order.id() + "-confirmed", order.quantity() * 2);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class SendToListener {

        @IpcListener("in")
        @SendTo("out")
        String shout(String text) {
            return text.toUpperCase();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {

        final AtomicInteger attempts = new AtomicInteger();

        @IpcListener(value = "orders", id = "failing")
        void on(String text) {
            this.attempts.incrementAndGet();
            throw new IllegalStateException("cannot process " + text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NoReplyDestinationListener {

        final AtomicInteger calls = new AtomicInteger();

        @IpcListener("orders")
        String answer(String question) {
            this.calls.incrementAndGet();
            return "answer";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ValidatingListener {

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        /** A plain Spring validator: an order must be for at least one item. */
        @Bean
        org.springframework.validation.Validator orderValidator() {
            return new org.springframework.validation.Validator() {

                @Override
                public boolean supports(Class<?> type) {
                    return Order.class.equals(type);
                }

                @Override
                public void validate(Object target, org.springframework.validation.Errors errors) {
                    if (((Order) target).quantity() < 1) {
                        errors.rejectValue("quantity", "min", "quantity must be at least 1");
                    }
                }
            };
        }

        @IpcListener(value = "orders", id = "validating")
        void on(@org.springframework.validation.annotation.Validated Order order) {
            this.orders.add(order);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class JsonListener {

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        @IpcListener(value = "orders", id = "json")
        void on(Order order) {
            this.orders.add(order);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class HandledListener {

        final BlockingQueue<Throwable> handled = new LinkedBlockingQueue<>();

        @Bean
        IpcListenerErrorHandler recordingErrorHandler() {
            return (message, failure) -> this.handled.add(failure);
        }

        @IpcListener(value = "orders", id = "handled", errorHandler = "recordingErrorHandler")
        void on(String text) {
            throw new IllegalArgumentException("bad input: " + text);
        }

    }

    static class SlowListener {

        final CountDownLatch started = new CountDownLatch(2);

        final List<String> threads = new CopyOnWriteArrayList<>();

        final AtomicInteger finished = new AtomicInteger();

        @IpcListener(value = "work", id = "slow", concurrency = "2")
        void on(String text) throws InterruptedException {
            this.threads.add(Thread.currentThread().getName());
            this.started.countDown();
            this.started.await(5, TimeUnit.SECONDS);
            Thread.sleep(300);
            this.finished.incrementAndGet();
        }

    }
}
