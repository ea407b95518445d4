package dev.springipc.autoconfigure.app;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;

import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.ChildJvm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application whose resources come from its arguments ({@code --ipc.*}). It prints
 * {@code ready <permits> <owned>} for its semaphore {@code jobs}, then obeys commands on stdin:
 * {@code acquire}, {@code release}, {@code send <text>}, {@code count}. It runs until a signal.
 */
@SpringBootApplication
public class IpcChildApplication {

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(IpcChildApplication.class, args);
        IpcSemaphore jobs = context.getBean("jobs", IpcSemaphore.class);
        ChildJvm.say("ready " + jobs.availablePermits() + " " + jobs.isOwned());
        BufferedReader stdin = ChildJvm.stdin();
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (line.equals("acquire")) {
                jobs.acquire();
                ChildJvm.say("acquired");
            }
            else if (line.equals("release")) {
                jobs.release();
                ChildJvm.say("released");
            }
            else if (line.startsWith("send ")) {
                context.getBean("orders", IpcMessageQueue.class).send(line.substring(5).getBytes(StandardCharsets.UTF_8));
                ChildJvm.say("sent");
            }
            else if (line.equals("count")) {
                ChildJvm.say("count " + context.getBean("stats", IpcSharedSegment.class).getAndAddLong(0, 1));
            }
        }
        Thread.currentThread().join();
    }
}
