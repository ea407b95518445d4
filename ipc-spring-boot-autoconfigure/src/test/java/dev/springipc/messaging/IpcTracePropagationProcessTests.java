package dev.springipc.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.autoconfigure.IpcObservationAutoConfiguration;
import dev.springipc.messaging.app.IpcTracedReplyApplication;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace across two JVMs: a span started in this process (A) continues in the
 * {@code @IpcListener} of a child JVM (B), and B's reply comes back in the same trace, carried by
 * the envelope's {@code traceparent} header over shm rings. Both sides run Micrometer Tracing with
 * Brave and {@code ipc.observation.enabled=true}.
 */
class IpcTracePropagationProcessTests {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void spanStartedInProcessAContinuesInProcessBsListenerAndInItsReply() {
        List<String> properties = new ArrayList<>(List.of("ipc.namespace=" + TestNames.unique("trace"),
                "ipc.queues.requests.type=shm", "ipc.queues.requests.name=" + this.cleanup.posixName("req"),
                "ipc.queues.requests.max-messages=16", "ipc.queues.requests.max-message-size=1KB",
                "ipc.queues.replies.type=shm", "ipc.queues.replies.name=" + this.cleanup.posixName("rep"),
                "ipc.queues.replies.max-messages=16", "ipc.queues.replies.max-message-size=1KB",
                "ipc.observation.enabled=true", "management.tracing.sampling.probability=1.0"));
        try (PeerProcess processB = IpcTracedReplyApplication.start(properties)) {
            processB.awaitLine("ready", STARTUP);
            new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class,
                        IpcMessagingAutoConfiguration.class, IpcObservationAutoConfiguration.class,
                        ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                        BraveAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    Tracer tracer = context.getBean(Tracer.class);
                    IpcTemplate template = context.getBean(IpcTemplate.class);
                    IpcDestinationResolver destinations = template.getDestinationResolver();
                    Span span = tracer.nextSpan().name("process A").start();
                    Message<byte[]> reply;
                    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                        reply = template.sendAndReceive(destinations.resolve("requests"),
                                destinations.resolve("replies"),
                                MessageBuilder.withPayload("the question".getBytes(StandardCharsets.UTF_8)).build(),
                                Duration.ofSeconds(20));
                    }
                    finally {
                        span.end();
                    }
                    String traceId = span.context().traceId();
                    String seenByB = processB.nextLine(Duration.ofSeconds(20));
                    assertThat(seenByB).as(processB.stderr()).startsWith("trace " + traceId + " span ");
                    assertThat(seenByB).doesNotEndWith(" span " + span.context().spanId());
                    assertThat(reply).as(processB.stderr()).isNotNull();
                    assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("answer to the question");
                    String replyTraceparent = (String) reply.getHeaders().get(IpcHeaders.TRACEPARENT);
                    assertThat(replyTraceparent).startsWith("00-" + traceId + "-");
                    // The story, for docs/observability.md.
                    System.out.println("A: trace " + traceId + " span " + span.context().spanId());
                    System.out.println("B: " + seenByB);
                    System.out.println("A: reply traceparent " + replyTraceparent);
                });
            processB.terminateAndAwait(Duration.ofSeconds(60));
        }
    }
}
