package dev.springipc.cloud.stream.binder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.IpcTrust;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Cloud Stream applications on the ipc binder for one test: a namespace and a group
 * registry of their own, the properties that select the binder, and after the test the
 * applications closed and the durable group queues removed with {@link IpcDestinationCleaner}
 * (register it after {@code IpcCleanup}, which then checks that nothing else is left).
 */
final class StreamApps implements AfterEachCallback {

    private final String namespace = TestNames.unique("scst");

    private final Path registry;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    StreamApps() {
        try {
            this.registry = Files.createTempDirectory("ipc-scst-registry");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String namespace() {
        return this.namespace;
    }

    Path registry() {
        return this.registry;
    }

    /** The properties every application of the test shares: binder, namespace, registry. */
    List<String> commonProperties() {
        return List.of("--spring.cloud.stream.default-binder=ipc",
                "--spring.cloud.stream.ipc.binder.namespace=" + this.namespace,
                "--spring.cloud.stream.ipc.binder.registry-directory=" + this.registry,
                // Small rings: /dev/shm is shared with the rest of the build.
                "--spring.cloud.stream.ipc.default.consumer.max-messages=32",
                "--spring.cloud.stream.ipc.default.producer.max-messages=32", "--spring.jmx.enabled=false",
                "--spring.main.banner-mode=off");
    }

    /** Starts {@code application} with the common properties and {@code properties}. */
    ConfigurableApplicationContext start(Class<?> application, String... properties) {
        List<String> args = new ArrayList<>(commonProperties());
        args.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
        this.contexts.add(context);
        return context;
    }

    /** The OS name of a queue of this test's namespace, e.g. {@code queue("orders.billing")}. */
    String queue(String name) {
        return "/" + this.namespace + "." + name;
    }

    IpcQueueProvisioner provisioner() {
        return new IpcQueueProvisioner(this.namespace, this.registry, IpcTrust.OWNER_ONLY);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = this.contexts.size() - 1; i >= 0; i--) {
            this.contexts.get(i).close();
        }
        this.contexts.clear();
        new IpcDestinationCleaner(provisioner()).cleanAll();
        IpcTestBinder.deleteTree(this.registry);
    }
}
