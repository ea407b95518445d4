package dev.springipc.cloud.stream.binder.orders;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.springipc.cloud.stream.binder.IpcDestinationCleaner;
import dev.springipc.cloud.stream.binder.IpcQueueProvisioner;
import dev.springipc.core.IpcTrust;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test application as five JVMs over the ipc binder on this host; {@link OrdersOverRabbitTests}
 * runs the same over RabbitMQ. The group queues are durable, as on a broker: afterwards the
 * binder's cleaner removes them, and the {@link IpcCleanup} extension fails the test if any
 * object of the run is still in /dev/shm.
 */
class OrdersOverIpcTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final OrdersPipeline pipeline = new OrdersPipeline("ipc");

    @AfterEach
    void stopProcessesAndRemoveTheGroups() throws IOException {
        this.pipeline.close();
        List<String> removed = new IpcDestinationCleaner(
                new IpcQueueProvisioner(this.pipeline.ipcNamespace(), this.pipeline.ipcRegistry(), IpcTrust.OWNER_ONLY))
            .cleanAll();
        List<String> expected = new ArrayList<>();
        this.pipeline.groupsByDestination().forEach((destination, groups) -> groups
            .forEach((group) -> expected.add("/" + this.pipeline.ipcNamespace() + "." + destination + "." + group)));
        deleteTree(this.pipeline.ipcRegistry());
        assertThat(removed).as("group queues the cleaner removed").containsAll(expected);
        assertThat(ownerRecordsOf(this.pipeline.ipcNamespace())).as("owner records left").isEmpty();
    }

    @Test
    void everyGroupGetsEveryOrderAndTheTwoBillingInstancesSplitThem() {
        this.pipeline.run(200);
    }

    /** The starter's owner records (one directory per object, its id URL-encoded) of the namespace. */
    private static List<String> ownerRecordsOf(String namespace) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "springipc-owners-" + user);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map((entry) -> URLDecoder.decode(entry.getFileName().toString(), StandardCharsets.UTF_8))
                .filter((id) -> id.contains(namespace))
                .toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
