package dev.springipc.integration.app;

import java.util.ArrayList;
import java.util.List;

import dev.springipc.integration.Ipc;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * A Spring Boot application for a child JVM whose integration flow answers the requests on
 * {@code requests} through {@code Ipc.inboundGateway}: each {@link Ticket} comes back stamped
 * with this process. It prints {@code ready} once the gateway runs, and runs until a signal.
 */
@SpringBootApplication
@EnableIntegration
public class IpcGatewayApplication {

    /** Starts this application in a child JVM with {@code properties} ({@code key=value}) as arguments. */
    public static PeerProcess start(List<String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((property) -> args.add("--" + property));
        args.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none"));
        return ChildJvm.start(IpcGatewayApplication.class, args.toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        SpringApplication.run(IpcGatewayApplication.class, args);
        ChildJvm.say("ready");
        Thread.currentThread().join();
    }

    @Bean
    IntegrationFlow ticketDesk() {
        return IntegrationFlow.from(Ipc.inboundGateway("requests").payloadType(Ticket.class))
            .<Ticket, Ticket>transform((ticket) -> new Ticket(ticket.id() + " answered by "
                    + ProcessHandle.current().pid(), ticket.count() + 1))
            .get();
    }
}
