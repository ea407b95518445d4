package dev.springipc.listener.app;

import dev.springipc.listener.IpcListener;
import dev.springipc.testsupport.ChildJvm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application for a child JVM: its {@code @IpcListener} on {@code requests}
 * confirms each {@link Ticket} with a reply that names this process. Its resources come from
 * its arguments ({@code --ipc.*}); it prints {@code ready} once the listener runs, and runs
 * until a signal.
 */
@SpringBootApplication
public class IpcReplyApplication {

    public static void main(String[] args) throws Exception {
        SpringApplication.run(IpcReplyApplication.class, args);
        ChildJvm.say("ready");
        Thread.currentThread().join();
    }

    @IpcListener("requests")
    Ticket confirm(Ticket ticket) {
        return new Ticket(ticket.id() + " confirmed by " + ProcessHandle.current().pid(), ticket.count() + 1);
    }

    /** The request and the reply, as JSON. */
    public record Ticket(String id, int count) {
    }
}
