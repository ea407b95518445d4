package dev.springipc.autoconfigure;

import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue declared without capacity or message size gets its type's defaults, the ones the core
 * builder holds: each default lives in one place, and the starter does not restate it.
 */
class IpcQueueDefaultsTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class));

    @Test
    void aPosixQueueWithoutSettingsIsSizedAsTheCoreBuilderSizesIt() {
        IpcMessageQueue core = this.cleanup.track(IpcMessageQueue.posix(this.cleanup.posixName("core")).open());
        this.runner.withPropertyValues("ipc.queues.orders.name=" + this.cleanup.posixName("declared"))
            .run((context) -> {
                IpcMessageQueue declared = context.getBean("orders", IpcMessageQueue.class);
                assertThat(declared.capacity()).isEqualTo(core.capacity()).isEqualTo(10);
                assertThat(declared.maxMessageSize()).isEqualTo(core.maxMessageSize()).isEqualTo(8192);
                assertThat(declared.permissions().mode()).isEqualTo(core.permissions().mode());
            });
        core.unlink();
    }

    @Test
    void aRingWithoutSettingsIsSizedAsTheCoreBuilderSizesIt() {
        IpcMessageQueue core = this.cleanup.track(IpcMessageQueue.shm(this.cleanup.posixName("core")).open());
        this.runner.withPropertyValues("ipc.queues.ticks.type=shm",
                "ipc.queues.ticks.name=" + this.cleanup.posixName("declared"))
            .run((context) -> {
                IpcMessageQueue declared = context.getBean("ticks", IpcMessageQueue.class);
                assertThat(declared.capacity()).isEqualTo(core.capacity()).isEqualTo(128);
                assertThat(declared.maxMessageSize()).isEqualTo(core.maxMessageSize()).isEqualTo(8192);
            });
        core.unlink();
    }

    @Test
    void aSystemVQueueWithoutSettingsTakesTheKernelsLimitsAsTheCoreBuilderDoes() {
        IpcSysvMessageQueue core = this.cleanup
            .track(IpcMessageQueue.sysv(this.cleanup.sysvKey("core")).open());
        this.runner.withPropertyValues("ipc.queues.legacy.type=sysv",
                "ipc.queues.legacy.key=" + this.cleanup.sysvKey("declared"))
            .run((context) -> {
                IpcSysvMessageQueue declared = context.getBean("legacy", IpcSysvMessageQueue.class);
                assertThat(declared.maxMessageSize()).isEqualTo(core.maxMessageSize());
                assertThat(declared.maxBytes()).isEqualTo(core.maxBytes());
            });
        core.unlink();
    }

    @Test
    void aMessageCountOnASystemVQueueIsRefusedRatherThanIgnored() {
        this.runner.withPropertyValues("ipc.queues.legacy.type=sysv", "ipc.queues.legacy.max-messages=10")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(InvalidIpcPropertyException.class)
                    .hasMessageStartingWith("ipc.queues.legacy.max-messages=10 does not apply to System V queues");
            });
    }
}
