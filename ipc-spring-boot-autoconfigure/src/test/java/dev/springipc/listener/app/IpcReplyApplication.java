package dev.springipc.listener.app;

import java.util.ArrayList;
import java.util.List;

import dev.springipc.listener.IpcListener;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application for a child JVM: its {@code @IpcListener} on {@code requests}
 * confirms each {@link Ticket} with a reply that names this process (a ticket whose id starts
 * with {@code slow} after {@code count} milliseconds). Its resources come from
 * its arguments ({@code --ipc.*}); it prints {@code ready} once the listener runs, and runs
 * until a signal.
 */
@SpringBootApplication
public class IpcReplyApplication {

    /** Starts this application in a child JVM with {@code properties} ({@code key=value}) as arguments. */
    public static PeerProcess start(List<String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((property) -> args.add("--" + property));
        args.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none"));
        return ChildJvm.start(IpcReplyApplication.class, args.toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        SpringApplication.run(IpcReplyApplication.class, args);
        ChildJvm.say("ready");
        Thread.currentThread().join();
    }

    @IpcListener("requests")
    Ticket confirm(Ticket ticket) throws InterruptedException {
        if (ticket.id().startsWith("slow")) {
            Thread.sleep(ticket.count()); // so that a caller with a shorter timeout gets its reply late
        }
        return new Ticket(ticket.id() + " confirmed by " + ProcessHandle.current().pid(), ticket.count() + 1);
    }

    /** The request and the reply, as JSON. */
    public record Ticket(String id, int count) {
    }
}
