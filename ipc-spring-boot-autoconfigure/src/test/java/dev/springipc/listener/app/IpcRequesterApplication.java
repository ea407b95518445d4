package dev.springipc.listener.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application for a child JVM that asks {@code requests} once, without a declared
 * reply queue, prints {@code replied <temporary reply queue>} and runs until a signal (or a
 * SIGKILL, which leaves its temporary reply queue behind).
 */
@SpringBootApplication
public class IpcRequesterApplication {

    /** Starts this application in a child JVM with {@code properties} ({@code key=value}) as arguments. */
    public static PeerProcess start(List<String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((property) -> args.add("--" + property));
        args.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none", "--ipc.listener.enabled=false"));
        return ChildJvm.start(IpcRequesterApplication.class, args.toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(IpcRequesterApplication.class, args);
        IpcTemplate template = context.getBean(IpcTemplate.class);
        Ticket reply = template.convertSendAndReceive("requests", new Ticket("K-1", 1), Ticket.class,
                Duration.ofSeconds(30));
        ChildJvm.say("replied " + ((reply != null) ? template.getTemporaryReplyQueue().resource().name() : "nothing"));
        Thread.currentThread().join();
    }
}
