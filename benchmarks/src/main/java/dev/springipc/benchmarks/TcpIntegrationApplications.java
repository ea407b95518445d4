package dev.springipc.benchmarks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.TcpInboundGateway;
import org.springframework.integration.ip.tcp.TcpOutboundGateway;
import org.springframework.integration.ip.tcp.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.messaging.MessageChannel;

/** The two Spring Boot applications of {@link TcpIntegrationMechanism}: the peer's servers and the measuring side's clients. */
final class TcpIntegrationApplications {

    private static final String LOOPBACK = "127.0.0.1";

    private TcpIntegrationApplications() {
    }

    private static <F extends AbstractConnectionFactory> F framed(F factory) {
        ByteArrayLengthHeaderSerializer serializer = new ByteArrayLengthHeaderSerializer();
        factory.setSerializer(serializer);
        factory.setDeserializer(serializer);
        return factory;
    }

    private static TcpNetServerConnectionFactory server() {
        TcpNetServerConnectionFactory factory = framed(new TcpNetServerConnectionFactory(0));
        factory.setLocalAddress(LOOPBACK);
        return factory;
    }

    /** The peer: a receiving adapter that counts, an inbound gateway that echoes, on ephemeral loopback ports. */
    @Configuration
    @EnableAutoConfiguration
    @EnableIntegration
    static class Server {

        @Bean
        TcpNetServerConnectionFactory sinkServer() {
            return server();
        }

        @Bean
        TcpNetServerConnectionFactory echoServer() {
            return server();
        }

        @Bean
        ArrivalCounter arrivals(@Value("${ipcbench.warmup}") long warmup, @Value("${ipcbench.measured}") long measured) {
            return new ArrivalCounter(warmup, measured);
        }

        @Bean
        TcpReceivingChannelAdapter sinkAdapter() {
            TcpReceivingChannelAdapter adapter = new TcpReceivingChannelAdapter();
            adapter.setConnectionFactory(sinkServer());
            adapter.setOutputChannelName("sinkChannel");
            return adapter;
        }

        @Bean
        IntegrationFlow countFlow(ArrivalCounter arrivals) {
            return IntegrationFlow.from("sinkChannel").handle((message) -> arrivals.arrived()).get();
        }

        @Bean
        TcpInboundGateway echoGateway() {
            TcpInboundGateway gateway = new TcpInboundGateway();
            gateway.setConnectionFactory(echoServer());
            gateway.setRequestChannelName("echoChannel");
            return gateway;
        }

        @Bean
        IntegrationFlow echoFlow() {
            return IntegrationFlow.from("echoChannel").handle((payload, headers) -> payload).get();
        }

        int awaitSinkPort() throws InterruptedException {
            return awaitListening(sinkServer());
        }

        int awaitEchoPort() throws InterruptedException {
            return awaitListening(echoServer());
        }

        private static int awaitListening(TcpNetServerConnectionFactory factory) throws InterruptedException {
            for (int i = 0; i < 1000 && !factory.isListening(); i++) {
                Thread.sleep(10);
            }
            return factory.getPort();
        }
    }

    /** The measuring side: a sending handler and an outbound gateway, one shared connection each. */
    @Configuration
    @EnableAutoConfiguration
    @EnableIntegration
    static class Client {

        @Value("${ipcbench.sink-port}")
        private int sinkPort;

        @Value("${ipcbench.echo-port}")
        private int echoPort;

        @Bean
        TcpNetClientConnectionFactory sinkClient() {
            return framed(new TcpNetClientConnectionFactory(LOOPBACK, this.sinkPort));
        }

        @Bean
        TcpNetClientConnectionFactory echoClient() {
            return framed(new TcpNetClientConnectionFactory(LOOPBACK, this.echoPort));
        }

        @Bean
        MessageChannel oneWay() {
            return new DirectChannel();
        }

        @Bean
        MessageChannel requests() {
            return new DirectChannel();
        }

        @Bean
        IntegrationFlow sendFlow() {
            TcpSendingMessageHandler handler = new TcpSendingMessageHandler();
            handler.setConnectionFactory(sinkClient());
            return IntegrationFlow.from("oneWay").handle(handler).get();
        }

        @Bean
        IntegrationFlow requestFlow() {
            TcpOutboundGateway gateway = new TcpOutboundGateway();
            gateway.setConnectionFactory(echoClient());
            gateway.setRemoteTimeout(10_000);
            return IntegrationFlow.from("requests").handle(gateway).get();
        }
    }
}
