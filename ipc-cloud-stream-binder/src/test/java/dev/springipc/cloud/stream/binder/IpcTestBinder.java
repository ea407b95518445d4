package dev.springipc.cloud.stream.binder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.cloud.stream.binder.properties.IpcExtendedBindingProperties;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.core.IpcTrust;
import dev.springipc.messaging.IpcHeaderMapper;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.messaging.IpcWireCodec;

import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.cloud.stream.binder.AbstractTestBinder;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The ipc binder in a namespace of its own, for Spring Cloud Stream's binder contract tests and
 * ours: {@link #cleanup()} removes the durable group queues and the registry the tests left, as
 * an application would with {@link IpcDestinationCleaner}, so that the {@code IpcCleanup}
 * extension can check that nothing else was left behind.
 */
final class IpcTestBinder extends
        AbstractTestBinder<IpcMessageChannelBinder, ExtendedConsumerProperties<IpcConsumerProperties>, ExtendedProducerProperties<IpcProducerProperties>> {

    private final AnnotationConfigApplicationContext context;

    private final IpcQueueProvisioner provisioner;

    private final Path registryDirectory;

    IpcTestBinder(String namespace, Path registryDirectory, IpcTrafficObserver observer) {
        this.registryDirectory = registryDirectory;
        this.provisioner = new IpcQueueProvisioner(namespace, registryDirectory, IpcTrust.OWNER_ONLY);
        this.context = new AnnotationConfigApplicationContext(IntegrationAutoConfiguration.class);
        IpcMessageChannelBinder binder = new IpcMessageChannelBinder(this.provisioner,
                new IpcExtendedBindingProperties(), new BinderWireCodec(new IpcWireCodec(new IpcHeaderMapper())),
                observer);
        binder.setApplicationContext(this.context);
        setBinder(binder);
    }

    IpcQueueProvisioner provisioner() {
        return this.provisioner;
    }

    @Override
    public void cleanup() {
        new IpcDestinationCleaner(this.provisioner).cleanAll();
        this.context.close();
        deleteTree(this.registryDirectory);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
                try {
                    Files.delete(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
