package dev.springipc.cloud.stream.binder;

import java.io.BufferedReader;
import java.util.Arrays;
import java.util.function.Consumer;

import dev.springipc.testsupport.ChildJvm;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;

/**
 * A Spring Cloud Stream application in a child JVM. {@code source <destination> <args...>}: reads
 * {@code send <payload>} lines from stdin, publishes each with {@code StreamBridge} and answers
 * {@code sent <payload>}; {@code sink <args...>}: prints {@code received <payload>} for each
 * message of its {@code sink-in-0} binding. Both print {@code ready} once bound and stop at
 * {@code exit} or the end of stdin.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ChildStreamApplication {

    @Bean
    @Profile("sink")
    Consumer<Message<String>> sink() {
        return (message) -> ChildJvm.say("received " + message.getPayload() + " " + message.getHeaders().get("origin"));
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        String[] properties = Arrays.copyOfRange(args, role.equals("source") ? 2 : 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChildStreamApplication.class)
            .web(WebApplicationType.NONE)
            .profiles(role)
            .run(properties)) {
            ChildJvm.say("ready");
            BufferedReader stdin = ChildJvm.stdin();
            String line;
            while ((line = stdin.readLine()) != null && !line.equals("exit")) {
                if (role.equals("source") && line.startsWith("send ")) {
                    String payload = line.substring("send ".length());
                    context.getBean(StreamBridge.class)
                        .send(args[1], org.springframework.messaging.support.MessageBuilder.withPayload(payload)
                            .setHeader("origin", "pid-" + ProcessHandle.current().pid())
                            .build());
                    ChildJvm.say("sent " + payload);
                }
            }
        }
    }
}
