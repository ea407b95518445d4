package dev.springipc.listener;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request-reply over a raw destination cannot work (correlation id and reply-to travel only in
 * the envelope), so the application fails at startup naming {@code wire-format: envelope}: a raw
 * reply queue, and a listener that returns a reply on a raw destination. A listener with
 * {@code @SendTo} on a raw destination forwards, which works, and starts.
 */
class IpcRequestReplyStartupChecksTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + TestNames.unique("chk"), "ipc.listener.receive-timeout=100ms");

    @Test
    void aRawReplyQueueFailsAtStartup() {
        this.runner.withPropertyValues("ipc.queues.replies.name=" + this.cleanup.posixName("rep"),
                "ipc.template.reply-queue=replies")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("ipc.queues.replies.wire-format: envelope"));
    }

    @Test
    void aListenerReturningAReplyOnARawDestinationFailsAtStartup() {
        this.runner.withUserConfiguration(ReplyingListener.class)
            .withPropertyValues("ipc.queues.requests.name=" + this.cleanup.posixName("req"))
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Listener 'requests-confirm'")
                .hasStackTraceContaining("ipc.queues.requests.wire-format: envelope"));
    }

    @Test
    void aListenerForwardingWithSendToOnARawDestinationStarts() {
        this.runner.withUserConfiguration(ForwardingListener.class)
            .withPropertyValues("ipc.queues.requests.name=" + this.cleanup.posixName("req"),
                    "ipc.queues.forwarded.name=" + this.cleanup.posixName("fwd"))
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class ReplyingListener {

        @IpcListener(value = "requests", id = "requests-confirm")
        String confirm(String request) {
            return request + " confirmed";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ForwardingListener {

        @IpcListener("requests")
        @SendTo("forwarded")
        String forward(String request) {
            return request;
        }
    }
}
