package dev.springipc.cloud.stream.binder;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder's properties: {@code spring.cloud.stream.ipc.default.*} reach a binding that has
 * an entry of its own, a binding's entry wins over the default, and every key has a description
 * in the configuration metadata the IDE shows.
 */
class IpcBinderPropertiesTests {

    @RegisterExtension
    @Order(1)
    final IpcCleanup cleanup = new IpcCleanup();

    @RegisterExtension
    @Order(2)
    final StreamApps apps = new StreamApps();

    @Test
    void defaultsReachABindingWithItsOwnEntryWhichWins() throws Exception {
        ConfigurableApplicationContext sink = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=alerts",
                "--spring.cloud.stream.bindings.sink-in-0.group=pager",
                "--spring.cloud.stream.ipc.default.consumer.queue-type=posix",
                "--spring.cloud.stream.ipc.bindings.sink-in-0.consumer.max-messages=5");
        try (IpcMessageQueue queue = IpcMessageQueue.posix(this.apps.queue("alerts.pager"))
            .create(CreateMode.OPEN_ONLY)
            .open()) {
            assertThat(queue.capacity()).isEqualTo(5);
        }
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".alerts.pager")).isEmpty();
        this.apps.start(TestStreamApplications.Source.class).getBean(StreamBridge.class).send("alerts", "disk full");
        assertThat(IpcBinderGroupTests.payloads(IpcBinderGroupTests.received(sink), 1)).containsExactly("disk full");
    }

    @Test
    void cleanupAlwaysRemovesTheGroupQueueAndEntryWhenTheLastConsumerStops() throws Exception {
        ConfigurableApplicationContext sink = this.apps.start(TestStreamApplications.Sink.class,
                "--spring.cloud.stream.bindings.sink-in-0.destination=scratch",
                "--spring.cloud.stream.bindings.sink-in-0.group=temp",
                "--spring.cloud.stream.ipc.bindings.sink-in-0.consumer.cleanup=always");
        java.nio.file.Path entry = this.apps.registry().resolve(this.apps.namespace()).resolve("scratch").resolve("temp");
        assertThat(entry).exists();
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".scratch.temp")).hasSize(1);
        sink.close();
        assertThat(IpcBinderGroupTests.shm(this.apps.namespace() + ".scratch.temp")).isEmpty();
        assertThat(entry).doesNotExist();
    }

    @Test
    void everyBinderPropertyHasADescription() throws Exception {
        List<Map<String, Object>> properties = metadata();
        assertThat(properties).isNotEmpty().allSatisfy((property) -> assertThat(property.get("description"))
            .as(property.get("name").toString())
            .asString()
            .isNotBlank());
    }

    @Test
    void everyBindingPropertyHasADocumentedDefault() throws Exception {
        List<String> names = metadata().stream().map((property) -> property.get("name").toString()).toList();
        List<String> expected = new ArrayList<>();
        keys(IpcConsumerProperties.class).forEach((key) -> expected.add("spring.cloud.stream.ipc.default.consumer." + key));
        keys(IpcProducerProperties.class).forEach((key) -> expected.add("spring.cloud.stream.ipc.default.producer." + key));
        assertThat(names).containsAll(expected);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> metadata() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
            return ((List<Map<String, Object>>) metadata.get("properties")).stream()
                .filter((property) -> property.get("name").toString().startsWith("spring.cloud.stream.ipc."))
                .toList();
        }
    }

    private static List<String> keys(Class<?> type) throws Exception {
        List<String> keys = new ArrayList<>();
        for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
            if (descriptor.getWriteMethod() != null) {
                // camelCase to the kebab-case of the metadata
                keys.add(descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return keys;
    }
}
