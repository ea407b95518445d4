package dev.springipc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.springipc.cloud.stream.binder.IpcDestinationCleaner;
import dev.springipc.cloud.stream.binder.IpcQueueProvisioner;
import dev.springipc.core.IpcTrust;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring Cloud Stream application over one binder, {@code ipc} or {@code rabbit} (a RabbitMQ
 * broker on localhost:5672): both sides get the same arguments but
 * {@code spring.cloud.stream.default-binder}. The measuring JVM sends with {@code StreamBridge}
 * and takes replies with a {@code Consumer} ({@link CloudStreamClientApplication}); the peer
 * counts one-way messages with a {@code Consumer} and echoes requests with a {@code Function}
 * ({@link CloudStreamPeerApplication}). Every binding has group {@code bench}, so each destination
 * is a topic with one subscribed group, as a user's application has it.
 */
final class CloudStreamMechanism implements UserMechanism {

    private static final String GROUP = "bench";

    private final String binder;

    CloudStreamMechanism(String binder) {
        this.binder = binder;
    }

    @Override
    public String id() {
        return "scst-" + this.binder;
    }

    @Override
    public String description() {
        return "Spring Cloud Stream, binder " + this.binder
                + ": StreamBridge.send -> Consumer<String>; StreamBridge request -> Function echo -> Consumer reply";
    }

    @Override
    public String core() {
        return null;
    }

    /** The ratio the report prints: ipc to rabbit. */
    String comparedWith() {
        return this.binder.equals("rabbit") ? null : "scst-rabbit";
    }

    @Override
    public List<Integer> callers() {
        return List.of(1);
    }

    @Override
    public long oneWayCount() {
        return 10_000;
    }

    @Override
    public long roundTripCount() {
        return 2_000;
    }

    @Override
    public boolean kiloRates() {
        return true;
    }

    /** Destination {@code key} of run {@code tag}. */
    String destination(String tag, String key) {
        return tag + "-" + id() + "-" + key;
    }

    /** The {@code --key=value} arguments both applications get for run {@code tag}. */
    List<String> arguments(String tag, String functions) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false", "--logging.level.root=warn",
                "--spring.cloud.stream.default-binder=" + this.binder,
                "--spring.cloud.function.definition=" + functions));
        // The ipc binder's queue names and group registry of this run (the rabbit binder ignores them).
        args.add("--spring.cloud.stream.ipc.binder.namespace=" + tag);
        args.add("--spring.cloud.stream.ipc.binder.registry-directory=" + registry(tag));
        binding(args, CloudStreamClientApplication.SINK_BINDING, destination(tag, "sink"), false);
        binding(args, CloudStreamClientApplication.REQUESTS_BINDING, destination(tag, "requests"), false);
        binding(args, "replies-in-0", destination(tag, "replies"), true);
        binding(args, "count-in-0", destination(tag, "sink"), true);
        binding(args, "echo-in-0", destination(tag, "requests"), true);
        binding(args, "echo-out-0", destination(tag, "replies"), false);
        return args;
    }

    private static Path registry(String tag) {
        return Path.of(System.getProperty("java.io.tmpdir"), tag + "-scst-groups");
    }

    private static void binding(List<String> args, String binding, String destination, boolean consumer) {
        args.add("--spring.cloud.stream.bindings." + binding + ".destination=" + destination);
        if (consumer) {
            args.add("--spring.cloud.stream.bindings." + binding + ".group=" + GROUP);
        }
    }

    @Override
    public UserClient client(String tag) throws Exception {
        // The group queues are durable on both binders. Registered first, so it runs last, after the
        // client's context is closed and the peer has exited.
        if (this.binder.equals("rabbit")) {
            List<String> destinations = List.of(destination(tag, "sink"), destination(tag, "requests"),
                    destination(tag, "replies"));
            Cleanup.register(() -> RabbitDeclarations.delete(destinations, GROUP));
        }
        else {
            Cleanup.register(() -> removeIpcGroups(tag));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CloudStreamClientApplication.class)
            .run(arguments(tag, "replies").toArray(String[]::new));
        return context.getBean(CloudStreamClientApplication.Client.class);
    }

    /** Removes the run's group queues with the binder's cleaner, then the registry directory. */
    private static void removeIpcGroups(String tag) {
        new IpcDestinationCleaner(new IpcQueueProvisioner(tag, registry(tag), IpcTrust.OWNER_ONLY)).cleanAll();
        try (Stream<Path> paths = Files.walk(registry(tag))) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (NoSuchFileException ex) {
            // No group was ever registered.
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void serve(String tag, long warmup, long measured) {
        List<String> args = arguments(tag, "count;echo");
        args.add("--ipcbench.warmup=" + warmup);
        args.add("--ipcbench.measured=" + measured);
        new SpringApplicationBuilder(CloudStreamPeerApplication.class).run(args.toArray(String[]::new));
        System.out.println("READY|");
        System.out.flush();
    }
}
