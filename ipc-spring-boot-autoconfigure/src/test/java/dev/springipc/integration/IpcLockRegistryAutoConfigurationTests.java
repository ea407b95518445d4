package dev.springipc.integration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcLockRegistryAutoConfiguration;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock registry bean: present with Spring Integration, absent without it, usable for leader
 * election, and its mutexes removed at context close.
 */
class IpcLockRegistryAutoConfigurationTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("lockac");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcLockRegistryAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace);

    @Test
    void leaderElectionGrantsLeadershipToOneCandidateAndTheMutexIsRemovedAtClose() {
        this.runner.run((context) -> {
            IpcLockRegistry registry = context.getBean(IpcLockRegistry.class);
            // A second registry stands for a second process: its own mutex handle, same OS object.
            IpcLockRegistry other = new IpcLockRegistry(this.namespace, 0600, (mutex) -> false);
            LockRegistryLeaderInitiator first = initiator(registry);
            LockRegistryLeaderInitiator second = initiator(other);
            try {
                first.start();
                second.start();
                awaitLeader(List.of(first, second));
                Thread.sleep(300);
                assertThat(first.getContext().isLeader() ^ second.getContext().isLeader())
                    .as("exactly one leader").isTrue();
            }
            finally {
                first.destroy();
                second.destroy();
                other.destroy();
            }
            assertThat(registry.nameOf("ipc-leader")).startsWith("/" + this.namespace + ".lock.");
        });
        assertThat(Path.of("/dev/shm", this.namespace + ".lock.ipc-leader")).doesNotExist();
    }

    @Test
    void backsOffWhenTheApplicationHasALockRegistryOfAnyKind() {
        DefaultLockRegistry own = new DefaultLockRegistry();
        this.runner.withBean("jdbcLikeLockRegistry", LockRegistry.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(IpcLockRegistry.class);
            assertThat(context.getBean(LockRegistry.class)).isSameAs(own);
        });
    }

    @Test
    void backsOffWithoutSpringIntegration() {
        this.runner.withClassLoader(new FilteredClassLoader(LockRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(IpcLockRegistry.class));
    }

    private static LockRegistryLeaderInitiator initiator(IpcLockRegistry registry) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry,
                new org.springframework.integration.leader.DefaultCandidate("node", "ipc-leader"));
        initiator.setHeartBeatMillis(50);
        initiator.setBusyWaitMillis(50);
        return initiator;
    }

    private static void awaitLeader(List<LockRegistryLeaderInitiator> initiators) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (initiators.stream().noneMatch((i) -> i.getContext().isLeader()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
