package dev.springipc.docs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springipc.autoconfigure.IpcListenerContainerFactoryConfigurer;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.autoconfigure.IpcTemplateCustomizer;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.integration.Ipc;
import dev.springipc.integration.IpcLockRegistry;
import dev.springipc.listener.IpcListener;
import dev.springipc.listener.IpcListenerConfigurer;
import dev.springipc.listener.IpcListenerContainerFactory;
import dev.springipc.listener.IpcListenerErrorHandler;
import dev.springipc.listener.IpcMessageRecoverer;
import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The examples of docs/messaging.md, word for word, so that they compile against the API as it
 * is (DocumentationSnippetsTests checks that every Java block of the docs stands in a test
 * source). They are compiled, not run: what each shows runs in the test the docs name beside it.
 */
@SuppressWarnings("unused")
final class DocumentedMessagingExamples {

    record Order(String id, int quantity) {
    }

    record Ticket(String id, int count) {
    }

    record Tenant(String name) {
    }

    static final class TenantResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            return new Tenant(String.valueOf(message.getHeaders().get("tenant")));
        }
    }

    abstract static class Sending {

        private final IpcTemplate template = template();

        void send() {
            template.convertAndSend("orders", new Order("A-2", 5), Map.of("tenant", "acme"));   // JSON
            template.convertAndSend("orders", "low", Map.of(IpcHeaders.PRIORITY, 1));           // POSIX priority
            template.convertAndSend("legacy", "typed", Map.of(IpcHeaders.TYPE, 42L));           // System V type
            Message<byte[]> message = template.receive("orders", Duration.ofSeconds(2));        // null on timeout
            Order order = template.receiveAndConvert("orders", Order.class, Duration.ofSeconds(2));
        }

        abstract IpcTemplate template();
    }

    static final class Conversion {

        @Bean
        JacksonJsonMessageConverter snakeCaseConverter() {      // the only MessageConverter bean: used
            return new JacksonJsonMessageConverter(
                    JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
        }
    }

    abstract static class Listeners {

        private final IpcTemplate template = template();

        @IpcListener("orders")
        void on(Order order, @Header("tenant") String tenant, @Headers Map<String, Object> headers,
                IpcMessage raw, Message<?> message) { process(order, tenant); }

        @IpcListener(queue = "text")                 // FIFOs by key too
        void on(String text) { process(text); }

        @IpcListener("requests")
        Order confirm(Order order) { return new Order(order.id() + "-confirmed", order.quantity() * 2); }

        // the caller: no reply configuration needed
        Order reply = template.convertSendAndReceive("requests", new Order("A-7", 2), Order.class, Duration.ofSeconds(5));

        @IpcListener("in") @SendTo("out")
        String shout(String text) { return text.toUpperCase(); }

        abstract IpcTemplate template();

        abstract void process(Object... values);
    }

    static final class Mocking {

        void test() {
            IpcOperations operations = mock(IpcOperations.class);       // as a bean
            // a listener with @SendTo("out") returning "SHOUT":
            verify(operations, timeout(5000)).convertAndSend(eq("out"), eq("SHOUT"), anyMap());
        }
    }

    abstract static class ExtensionPoints {

        private final List<IpcMessage> recovered = new ArrayList<>();

        private final List<Throwable> handled = new ArrayList<>();

        @Bean
        IpcTemplateCustomizer defaultToOrders() {
            return (template) -> template.setDefaultDestination("orders");
        }

        @Bean
        IpcListenerContainerFactory bulkFactory(IpcListenerContainerFactoryConfigurer configurer) {
            IpcListenerContainerFactory factory = new IpcListenerContainerFactory();
            configurer.configure(factory);
            factory.setConcurrency(2);
            factory.setTaskExecutor(new SimpleAsyncTaskExecutor("bulk-"));
            factory.setCustomArgumentResolvers(List.of(new TenantResolver()));
            return factory;
        }

        @IpcListener(value = "work", id = "bulk", containerFactory = "bulkFactory")
        void on(String job, Tenant tenant) { process(job, tenant); }

        abstract void process(Object... values);

        @Bean
        IpcListenerConfigurer tenantArguments(IpcTemplate template) {
            return (registrar) -> {
                DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
                factory.setMessageConverter(template.getMessageConverter());
                factory.setCustomArgumentResolvers(List.of(new TenantResolver()));
                factory.afterPropertiesSet();
                registrar.setMessageHandlerMethodFactory(factory);
            };
        }

        @Bean
        IpcMessageRecoverer recordingRecoverer() {
            return (listenerId, source, original, failure) -> this.recovered.add(original);
        }

        @Bean(IpcMessagingAutoConfiguration.LISTENER_ERROR_HANDLER_BEAN_NAME)
        IpcListenerErrorHandler ipcListenerErrorHandler() {
            return (message, failure) -> this.handled.add(failure);
        }
    }

    static final class Flows {

        @Bean
        IntegrationFlow uppercase() {
            return IntegrationFlow.from(Ipc.inboundAdapter("in").payloadType(String.class))
                .<String, String>transform(String::toUpperCase)
                .handle(Ipc.outboundAdapter("out"))
                .get();
        }

        @Bean
        IntegrationFlow ticketGateway() {
            return IntegrationFlow.from("tickets")
                .handle(Ipc.outboundGateway("requests").replyQueue("replies")
                    .replyTimeout(Duration.ofSeconds(20)).replyPayloadType(Ticket.class))
                .get();
        }

        @Bean
        IntegrationFlow ticketDesk() {
            return IntegrationFlow.from(Ipc.inboundGateway("requests").payloadType(Ticket.class))
                .<Ticket, Ticket>transform((ticket) -> new Ticket(ticket.id() + " answered", ticket.count() + 1))
                .get();
        }

        @Bean
        IntegrationFlow polled() {
            return IntegrationFlow.from(Ipc.messageSource("in"), (endpoint) -> endpoint.poller(Pollers.fixedDelay(50)))
                .channel("received")
                .get();
        }
    }

    static final class Pipes {

        private final Logger log = LoggerFactory.getLogger(Pipes.class);

        @Autowired IpcPipe upper;                       // bean named by the key

        String shout(String text) throws InterruptedException {
            upper.send(text.getBytes(UTF_8));
            return upper.receive(Duration.ofSeconds(10)).orElseThrow().payloadAsString();   // "HELLO" for "hello"
        }

        void standalone() throws InterruptedException {
            try (IpcPipe upper = IpcPipe.builder("python3", "-u", "upper.py")
                    .restart(IpcPipe.Restart.ON_FAILURE)
                    .stderr(line -> log.warn("upper: {}", line))
                    .open()) {                              // starts the child; a missing program fails here
                upper.send("hello".getBytes(UTF_8));
                upper.receive(Duration.ofSeconds(10));
            }                                               // stops the child
        }
    }

    abstract static class Locks {

        private final IpcSharedSegment segment = segment();

        @Autowired IpcLockRegistry locks;

        void increment() throws Exception {
            locks.executeLocked("ledger", () -> {      // excludes every thread of every process
                long value = segment.getLong(0);
                segment.putLong(0, value + 1);
            });
        }

        @Bean
        LockRegistryLeaderInitiator leader(IpcLockRegistry locks) {
            return new LockRegistryLeaderInitiator(locks);   // one leader per host and role
        }

        abstract IpcSharedSegment segment();
    }
}
