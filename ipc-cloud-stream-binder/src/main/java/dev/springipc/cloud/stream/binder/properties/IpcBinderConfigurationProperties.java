package dev.springipc.cloud.stream.binder.properties;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code ipc} binder as a whole ({@code spring.cloud.stream.ipc.binder.*}).
 */
@ConfigurationProperties("spring.cloud.stream.ipc.binder")
public class IpcBinderConfigurationProperties {

    /**
     * Prefix of the queue names ("/<namespace>.<destination>.<group>") and of the group registry.
     * Every application that shares a destination must use the same namespace; it is not
     * ipc.namespace, which defaults to each application's own name.
     */
    private String namespace = "scst";

    /**
     * Directory of the group registry: one subdirectory per namespace and destination, one file
     * per consumer group, read by producers to find the queues they publish to. Defaults to
     * "springipc-scst-<user>" in java.io.tmpdir.
     */
    private Path registryDirectory = Path.of(System.getProperty("java.io.tmpdir"),
            "springipc-scst-" + System.getProperty("user.name"));

    public String getNamespace() {
        return this.namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Path getRegistryDirectory() {
        return this.registryDirectory;
    }

    public void setRegistryDirectory(Path registryDirectory) {
        this.registryDirectory = registryDirectory;
    }
}
