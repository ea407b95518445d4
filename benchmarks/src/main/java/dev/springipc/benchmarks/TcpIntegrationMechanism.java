package dev.springipc.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * What a Spring user without this library does on one host: Spring Integration's TCP adapters
 * over 127.0.0.1 (never another address), length-header framing, one shared connection each way.
 * One-way: {@code TcpSendingMessageHandler} to a {@code TcpReceivingChannelAdapter}; round trip:
 * {@code TcpOutboundGateway} to a {@code TcpInboundGateway} that returns the payload
 * ({@link TcpIntegrationApplications}).
 */
final class TcpIntegrationMechanism implements UserMechanism {

    @Override
    public String id() {
        return "si-tcp";
    }

    @Override
    public String description() {
        return "Spring Integration TCP (net) adapters and gateways over 127.0.0.1, length-header frames";
    }

    @Override
    public String core() {
        return null;
    }

    @Override
    public List<Integer> callers() {
        return List.of(1);
    }

    @Override
    public long oneWayCount() {
        return 600_000;
    }

    @Override
    public long roundTripCount() {
        return 30_000;
    }

    private static String[] arguments(String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false", "--logging.level.root=warn"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Override
    public UserClient client(String tag) {
        return new UserClient() {

            private ConfigurableApplicationContext context;

            private MessagingTemplate messaging;

            private MessageChannel oneWay;

            private MessageChannel requests;

            @Override
            public void connect(String info) {
                String[] ports = info.split(",");
                this.context = new SpringApplicationBuilder(TcpIntegrationApplications.Client.class)
                    .run(arguments("--ipcbench.sink-port=" + ports[0], "--ipcbench.echo-port=" + ports[1]));
                this.messaging = new MessagingTemplate();
                this.messaging.setReceiveTimeout(10_000);
                this.oneWay = this.context.getBean("oneWay", MessageChannel.class);
                this.requests = this.context.getBean("requests", MessageChannel.class);
            }

            @Override
            public void send(String payload) {
                this.messaging.send(this.oneWay, new GenericMessage<>(payload));
            }

            @Override
            public String request(String payload) {
                Object reply = this.messaging.convertSendAndReceive(this.requests, payload, Object.class);
                return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
            }

            @Override
            public void close() {
                if (this.context != null) {
                    this.context.close();
                }
            }
        };
    }

    @Override
    public void serve(String tag, long warmup, long measured) throws InterruptedException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpIntegrationApplications.Server.class)
            .run(arguments("--ipcbench.warmup=" + warmup, "--ipcbench.measured=" + measured));
        TcpIntegrationApplications.Server server = context.getBean(TcpIntegrationApplications.Server.class);
        System.out.println("READY|" + server.awaitSinkPort() + "," + server.awaitEchoPort());
        System.out.flush();
    }
}
