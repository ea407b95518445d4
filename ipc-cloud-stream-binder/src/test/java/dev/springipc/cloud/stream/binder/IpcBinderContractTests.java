package dev.springipc.cloud.stream.binder;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.messaging.IpcTrafficObserver;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.PartitionCapableBinderTests;
import org.springframework.cloud.stream.binder.Spy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Stream's own binder contract (spring-cloud-stream-test-support) against real
 * shared-memory rings: send and receive, several topics, content type, required groups (durable
 * queues created by the producer), anonymous groups and explicit partition routing.
 */
class IpcBinderContractTests extends
        PartitionCapableBinderTests<IpcTestBinder, ExtendedConsumerProperties<IpcConsumerProperties>, ExtendedProducerProperties<IpcProducerProperties>> {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private Path registry;

    @Override
    protected IpcTestBinder getBinder() throws Exception {
        if (this.testBinder == null) {
            this.registry = Files.createTempDirectory("ipc-scst-contract");
            this.testBinder = new IpcTestBinder(TestNames.unique("contract"), this.registry, IpcTrafficObserver.NONE);
        }
        return this.testBinder;
    }

    @AfterEach
    void registryIsGone() {
        if (this.testBinder != null) {
            this.testBinder.cleanup();
            assertThat(this.registry).doesNotExist();
            this.testBinder = null;
        }
    }

    @Override
    protected ExtendedConsumerProperties<IpcConsumerProperties> createConsumerProperties() {
        ExtendedConsumerProperties<IpcConsumerProperties> properties = new ExtendedConsumerProperties<>(
                new IpcConsumerProperties());
        // Small rings: the tests bind many queues and /dev/shm is shared with the other tests.
        properties.getExtension().setMaxMessages(16);
        return properties;
    }

    @Override
    protected ExtendedProducerProperties<IpcProducerProperties> createProducerProperties(TestInfo testInfo) {
        ExtendedProducerProperties<IpcProducerProperties> properties = new ExtendedProducerProperties<>(
                new IpcProducerProperties());
        properties.getExtension().setMaxMessages(16);
        return properties;
    }

    @Override
    public Spy spyOn(String name) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    protected boolean usesExplicitRouting() {
        return true;
    }

    @Override
    protected String getClassUnderTestName() {
        return IpcMessageChannelBinder.class.getSimpleName();
    }

    @Test
    @Override
    public void testAnonymousGroup(TestInfo testInfo) throws Exception {
        super.testAnonymousGroup(testInfo);
    }
}
