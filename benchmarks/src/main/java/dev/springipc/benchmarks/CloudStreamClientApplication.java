package dev.springipc.benchmarks;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The measuring JVM's Spring Cloud Stream application: {@code StreamBridge} sends one-way
 * messages and requests, a {@code Consumer} takes the replies and hands each to the call that
 * waits for it, by a correlation header (Spring Cloud Stream has no request-reply of its own).
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class CloudStreamClientApplication {

    static final String SINK_BINDING = "sink-out-0";

    static final String REQUESTS_BINDING = "requests-out-0";

    static final String CALL_HEADER = "ipcbench-call";

    private static final long REPLY_TIMEOUT_SECONDS = 10;

    @Bean
    Client client(ObjectProvider<StreamBridge> bridge, ConfigurableApplicationContext context) {
        return new Client(bridge, context);
    }

    @Bean
    Consumer<Message<String>> replies(Client client) {
        return client::replied;
    }

    /** The sending side the harness drives. */
    static final class Client implements UserClient {

        private final ObjectProvider<StreamBridge> bridge;

        private final ConfigurableApplicationContext context;

        private final AtomicLong calls = new AtomicLong();

        private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

        Client(ObjectProvider<StreamBridge> bridge, ConfigurableApplicationContext context) {
            this.bridge = bridge;
            this.context = context;
        }

        @Override
        public void connect(String info) {
            // The destinations are the binder's: the peer's bindings exist once it said READY.
        }

        @Override
        public void send(String payload) {
            this.bridge.getObject().send(SINK_BINDING, payload);
        }

        @Override
        public String request(String payload) throws Exception {
            long call = this.calls.incrementAndGet();
            CompletableFuture<String> reply = new CompletableFuture<>();
            this.pending.put(call, reply);
            try {
                this.bridge.getObject()
                    .send(REQUESTS_BINDING, MessageBuilder.withPayload(payload).setHeader(CALL_HEADER, call).build());
                return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            finally {
                this.pending.remove(call);
            }
        }

        void replied(Message<String> reply) {
            Object call = reply.getHeaders().get(CALL_HEADER);
            CompletableFuture<String> waiting = (call != null) ? this.pending.get(Long.valueOf(call.toString())) : null;
            if (waiting == null) {
                throw new IllegalStateException("reply without a waiting call: " + reply.getHeaders());
            }
            waiting.complete(reply.getPayload());
        }

        @Override
        public void close() {
            this.context.close();
        }
    }
}
