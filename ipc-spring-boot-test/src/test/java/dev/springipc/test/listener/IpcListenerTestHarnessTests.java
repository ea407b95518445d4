package dev.springipc.test.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.test.app.OrderApplication;
import dev.springipc.test.context.UniqueIpcNamespace;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness over real POSIX queues: what a listener received and returned, each failed
 * attempt, waiting with a timeout, and a clean slate for each test method.
 */
@SpringBootTest(classes = OrderApplication.class, properties = {
        "ipc.queues.orders.max-messages=4", "ipc.queues.orders.max-message-size=256B",
        "ipc.queues.orders.wire-format=envelope",
        "ipc.queues.confirmations.max-messages=4", "ipc.queues.confirmations.max-message-size=256B",
        "ipc.queues.rejects.max-messages=4", "ipc.queues.rejects.max-message-size=256B",
        "ipc.queues.audits.max-messages=4", "ipc.queues.audits.max-message-size=256B",
        "ipc.queues.audits.wire-format=envelope",
        "ipc.listener.receive-timeout=100ms", "ipc.listener.retry.max-attempts=2",
        "ipc.listener.retry.initial-interval=10ms" })
@Import({ IpcListenerTestHarnessTests.RejectingListener.class, IpcListenerTestHarnessTests.ProxiedListenerConfiguration.class })
@UniqueIpcNamespace
@IpcListenerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpcListenerTestHarnessTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    IpcTemplate template;

    @Autowired
    IpcListenerTestHarness harness;

    @Autowired
    Auditor auditor;

    @Value("${ipc.namespace}")
    String namespace;

    @Test
    @Order(1)
    void recordsTheResolvedArgumentsAndTheReplyOfEachCall() {
        this.template.convertAndSend("orders", "apple", Map.of("tenant", "acme"));
        this.template.convertAndSend("orders", "pear");

        List<IpcListenerInvocation> calls = this.harness.awaitInvocations("orders", 2, WAIT);

        assertThat(calls.get(0).arguments()).containsExactly("apple", "acme");
        assertThat(calls.get(0).result()).isEqualTo("APPLE for acme");
        assertThat(calls.get(1).arguments()).containsExactly("pear", null);
        assertThat(calls.get(1).result()).isEqualTo("PEAR");
        assertThat(calls).allMatch(IpcListenerInvocation::succeeded);
        assertThat(this.template.receiveAndConvert("confirmations", String.class, WAIT)).isEqualTo("APPLE for acme");
        assertThat(this.template.receiveAndConvert("confirmations", String.class, WAIT)).isEqualTo("PEAR");
    }

    @Test
    @Order(2)
    void eachTestMethodStartsWithNoRecordedCallsAndAWaitThatTimesOutSaysWhatCame() {
        assertThat(this.harness.invocations("orders").count()).isZero();
        assertThatThrownBy(() -> this.harness.awaitInvocations("orders", 1, Duration.ofMillis(200)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("Listener 'orders' was called 0 time(s) within PT0.2S, expected at least 1");
    }

    @Test
    @Order(3)
    void recordsEveryFailedAttemptWithItsException() {
        this.template.convertAndSend("rejects", "plum");

        List<IpcListenerInvocation> attempts = this.harness.awaitInvocations("rejects", 2, WAIT);

        assertThat(attempts).noneMatch(IpcListenerInvocation::succeeded);
        assertThat(attempts).extracting((attempt) -> attempt.argument(0, String.class)).containsExactly("plum", "plum");
        assertThat(attempts.get(1).failure()).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Order plum is refused");
    }

    @Test
    @Order(4)
    void namesTheRecordedListenersWhenAskedForAnother() {
        assertThat(this.harness.ids()).containsExactly("audits", "orders", "rejects");
        assertThatIllegalArgumentException().isThrownBy(() -> this.harness.invocations("order"))
            .withMessageContaining("No @IpcListener with id 'order' is recorded; recorded: [audits, orders, rejects]");
    }

    @Test
    @Order(5)
    void aListenerBeanThatIsAlreadyAnAopProxyIsRecordedThroughItsOwnProxy() {
        assertThat(this.auditor).isInstanceOf(Advised.class);
        assertThat(((Advised) this.auditor).getAdvisors()).hasSize(2);

        this.template.convertAndSend("audits", "checked");

        assertThat(this.harness.awaitInvocations("audits", 1, WAIT).get(0).result()).isEqualTo(7);
        assertThat(this.auditor.audited()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void theQueuesLiveInTheTestsOwnNamespace() {
        assertThat(this.namespace).matches("ipc-test-" + ProcessHandle.current().pid() + "-\\d+");
        try (IpcMessageQueue orders = IpcMessageQueue.posix("/" + this.namespace + ".orders")
            .create(CreateMode.OPEN_ONLY)
            .open()) {
            assertThat(orders.isOwned()).isFalse();
        }
    }

    /** Refuses whatever arrives on {@code rejects}. */
    static class RejectingListener {

        @IpcListener(value = "rejects", id = "rejects")
        public void reject(String order) {
            throw new IllegalArgumentException("Order " + order + " is refused");
        }
    }

    /** Counts audits; its bean is a Spring AOP proxy before the harness sees it. */
    static class Auditor {

        private final AtomicInteger audited = new AtomicInteger();

        @IpcListener(value = "audits", id = "audits")
        public int audit(String entry) {
            this.audited.incrementAndGet();
            return entry.length();
        }

        public int audited() {
            return this.audited.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ProxiedListenerConfiguration {

        @Bean
        Auditor auditor() {
            ProxyFactory factory = new ProxyFactory(new Auditor());
            factory.setProxyTargetClass(true);
            factory.addAdvice((MethodInterceptor) MethodInvocation::proceed);
            return (Auditor) factory.getProxy();
        }
    }
}
