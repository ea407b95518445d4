package dev.springipc.messaging.app;

import java.util.ArrayList;
import java.util.List;

import dev.springipc.listener.IpcListener;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with Micrometer Tracing (Brave) for a child JVM: its
 * {@code @IpcListener} on {@code requests} prints {@code trace <trace id> span <span id>} of the
 * span it runs in, then replies. Its resources come from its arguments; it prints {@code ready}
 * once the listener runs, and runs until a signal.
 */
@SpringBootApplication
public class IpcTracedReplyApplication {

    private final Tracer tracer;

    IpcTracedReplyApplication(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts this application in a child JVM with {@code properties} ({@code key=value}) as arguments. */
    public static PeerProcess start(List<String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((property) -> args.add("--" + property));
        args.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none"));
        return ChildJvm.start(IpcTracedReplyApplication.class, args.toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        SpringApplication.run(IpcTracedReplyApplication.class, args);
        ChildJvm.say("ready");
        Thread.currentThread().join();
    }

    @IpcListener("requests")
    String answer(String question) {
        Span span = this.tracer.currentSpan();
        ChildJvm.say((span != null) ? "trace " + span.context().traceId() + " span " + span.context().spanId()
                : "trace none");
        return "answer to " + question;
    }
}
