package dev.springipc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.SysvKey;
import dev.springipc.messaging.IpcTemplate;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Our queues as a Spring user has them: the measuring JVM runs a Spring Boot application and
 * sends with {@link IpcTemplate#convertAndSend} and {@link IpcTemplate#convertSendAndReceive}
 * (with a declared reply queue), the peer runs another with an {@code @IpcListener(String)} on
 * {@code sink} that counts and one on {@code requests} that returns its payload
 * ({@link SpringPeerApplication}). Both declare the same three queues; the measuring side
 * starts first, so it creates them and removes them when its context closes.
 */
final class SpringMechanism implements UserMechanism {

    /** Which queue type, and for shm which idle strategy. */
    enum Kind {
        SHM("spring-shm", "shm-poll", "shm", null, 3_000_000, 20_000),
        SHM_SPIN("spring-shm-spin", "shm-poll", "shm", "busy-spin", 3_000_000, 100_000),
        POSIX("spring-posix", "posix-mq", "posix", null, 200_000, 20_000),
        SYSV("spring-sysv", "sysv-mq", "sysv", null, 200_000, 20_000);

        final String id;

        final String core;

        final String type;

        final String idleStrategy;

        final long oneWay;

        final long roundTrips;

        Kind(String id, String core, String type, String idleStrategy, long oneWay, long roundTrips) {
            this.id = id;
            this.core = core;
            this.type = type;
            this.idleStrategy = idleStrategy;
            this.oneWay = oneWay;
            this.roundTrips = roundTrips;
        }
    }

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final Kind kind;

    SpringMechanism(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String id() {
        return this.kind.id;
    }

    @Override
    public String description() {
        return "IpcTemplate.convertAndSend / convertSendAndReceive -> @IpcListener(String), " + this.kind.type
                + " queues" + ((this.kind.idleStrategy != null) ? ", idle-strategy " + this.kind.idleStrategy : "");
    }

    @Override
    public String core() {
        return this.kind.core;
    }

    @Override
    public List<Integer> callers() {
        return List.of(1, 4, 16);
    }

    /**
     * Not with busy-spin: the peer runs both listeners on one CPU, and two spinning consumers on
     * one CPU take turns by the scheduler's time slice (milliseconds), which measures the
     * scheduler. So busy-spin is set on the request and reply queues only, for the round trip
     * the issue asks it for, and the idle one-way listener backs off as by default.
     */
    @Override
    public boolean oneWay() {
        return this.kind.idleStrategy == null;
    }

    @Override
    public long oneWayCount() {
        return this.kind.oneWay;
    }

    @Override
    public long roundTripCount() {
        return this.kind.roundTrips;
    }

    /** The {@code --key=value} arguments both applications get for run {@code tag}. */
    List<String> arguments(String tag) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false", "--logging.level.root=warn"));
        queue(args, tag, "sink", false);
        queue(args, tag, "requests", true);
        queue(args, tag, "replies", true);
        return args;
    }

    private void queue(List<String> args, String tag, String key, boolean envelope) {
        String prefix = "--ipc.queues." + key + ".";
        String name = tag + "-" + this.kind.id + "-" + key;
        args.add(prefix + "type=" + this.kind.type);
        switch (this.kind.type) {
            case "sysv" -> {
                args.add(prefix + "key=" + SysvKey.of(name));
                args.add(prefix + "max-message-size=256B");
            }
            case "posix" -> {
                args.add(prefix + "name=/" + name);
                args.add(prefix + "max-messages=" + KernelMechanism.DEPTH);
                args.add(prefix + "max-message-size=256B");
            }
            default -> {
                // About the 64 KiB ring of the core shm figures.
                args.add(prefix + "name=/" + name);
                args.add(prefix + "max-messages=256");
                args.add(prefix + "max-message-size=256B");
                if (!envelope) {
                    // One sender thread, one listener thread: the one-to-one ring of shm-poll.
                    args.add(prefix + "single-producer=true");
                    args.add(prefix + "single-consumer=true");
                }
            }
        }
        if (envelope) {
            args.add(prefix + "wire-format=envelope");
        }
        if (this.kind.idleStrategy != null && envelope) {
            args.add(prefix + "idle-strategy=" + this.kind.idleStrategy);
        }
    }

    @Override
    public UserClient client(String tag) {
        List<String> args = arguments(tag);
        args.add("--ipc.template.reply-queue=replies");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringSenderApplication.class)
            .run(args.toArray(String[]::new));
        IpcTemplate template = context.getBean(IpcTemplate.class);
        return new UserClient() {

            @Override
            public void connect(String info) {
                // The queues exist: the peer opened them before it said READY.
            }

            @Override
            public void send(String payload) {
                template.convertAndSend("sink", payload);
            }

            @Override
            public String request(String payload) {
                return template.convertSendAndReceive("requests", payload, String.class, REPLY_TIMEOUT);
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    @Override
    public void serve(String tag, long warmup, long measured) {
        List<String> args = arguments(tag);
        args.add("--ipcbench.warmup=" + warmup);
        args.add("--ipcbench.measured=" + measured);
        new SpringApplicationBuilder(SpringPeerApplication.class).run(args.toArray(String[]::new));
        System.out.println("READY|");
        System.out.flush();
    }
}
