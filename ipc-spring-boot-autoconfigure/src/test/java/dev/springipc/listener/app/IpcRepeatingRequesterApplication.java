package dev.springipc.listener.app;

import java.io.BufferedReader;
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
 * A Spring Boot application for a child JVM that asks {@code requests} many times: it prints
 * {@code ready}, waits for {@code go <count>} on stdin, sends {@code count} tickets one after the
 * other and prints {@code answered <right> of <count> misrouted <n> late <n> via <reply key>}; on
 * {@code stop} it closes its context (which releases what it claimed) and exits. Its log (level
 * warn) goes to stdout with these lines.
 */
@SpringBootApplication
public class IpcRepeatingRequesterApplication {

    /** Starts this application in a child JVM with {@code properties} ({@code key=value}) as arguments. */
    public static PeerProcess start(List<String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((property) -> args.add("--" + property));
        args.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.main.web-application-type=none", "--ipc.listener.enabled=false"));
        return ChildJvm.start(IpcRepeatingRequesterApplication.class, args.toArray(String[]::new));
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(IpcRepeatingRequesterApplication.class, args);
        IpcTemplate template = context.getBean(IpcTemplate.class);
        String pid = Long.toString(ProcessHandle.current().pid());
        ChildJvm.say("ready");
        BufferedReader commands = ChildJvm.stdin();
        for (String command = commands.readLine(); command != null && !command.equals("stop");
                command = commands.readLine()) {
            int count = Integer.parseInt(command.substring("go ".length()).strip());
            int right = 0;
            for (int i = 0; i < count; i++) {
                Ticket asked = new Ticket(pid + "-" + i, i);
                Ticket reply = template.convertSendAndReceive("requests", asked, Ticket.class, Duration.ofSeconds(20));
                if (reply != null && reply.id().startsWith(asked.id() + " confirmed by ") && reply.count() == i + 1) {
                    right++;
                }
            }
            String via = (template.getReplyQueueClaim() != null) ? template.getReplyQueue()
                    : template.getTemporaryReplyQueue().key();
            ChildJvm.say("answered " + right + " of " + count + " misrouted " + template.getMisroutedReplies()
                    + " late " + template.getLateReplies() + " via " + via);
        }
        context.close();
        ChildJvm.say("closed");
    }
}
