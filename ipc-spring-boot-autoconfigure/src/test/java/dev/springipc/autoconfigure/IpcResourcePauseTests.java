package dev.springipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.listener.IpcListener;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paused context (Spring's test context cache pauses the contexts not in use, then restarts
 * them) keeps its resources open and its listeners come back.
 */
class IpcResourcePauseTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + TestNames.unique("pause"), "ipc.listener.receive-timeout=100ms",
                "ipc.queues.jobs.max-messages=2", "ipc.queues.jobs.max-message-size=128B",
                "ipc.queues.echoes.max-messages=2", "ipc.queues.echoes.max-message-size=128B");

    @Test
    void aPauseAndARestartLeaveTheResourcesOpenAndRestartTheListeners() {
        this.runner.withUserConfiguration(Echo.class).run((context) -> {
            ConfigurableApplicationContext source = context.getSourceApplicationContext();
            source.pause();
            source.restart();

            IpcMessageQueue jobs = context.getBean("jobs", IpcMessageQueue.class);
            jobs.send("still open".getBytes(StandardCharsets.UTF_8));
            assertThat(jobs.receive(Duration.ofSeconds(1)).map(IpcMessage::payloadAsString)).contains("still open");
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("echoes", "ping");
            assertThat(context.getBean(Echo.class).received.poll(5, TimeUnit.SECONDS))
                .isEqualTo("ping");
        });
    }

    static class Echo {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @IpcListener("echoes")
        void echo(String text) {
            this.received.add(text);
        }
    }
}
