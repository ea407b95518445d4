package dev.springipc.sample;

import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.test.context.UniqueIpcNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's main job runs against real kernel objects declared in its application.yml, as
 * {@code java -jar} runs it, in a namespace of its own ({@code ipc-sample-<pid>-<n>}), so two
 * builds on one host do not meet; the context is closed after the class and checked for leftovers.
 */
@SpringBootTest
@UniqueIpcNamespace
@DirtiesContext
class SampleApplicationTests {

    @Autowired
    IpcSharedSegment stats;

    @Autowired
    IpcMutex ledger;

    @Test
    void theMainJobCountedEveryOrderUnderTheMutex() {
        assertThat(this.stats.getLong(0)).isEqualTo(5);
        assertThat(this.stats.getLong(8)).isEqualTo("order-1".length() * 5L);
        assertThat(this.ledger.isHeldByCurrentThread()).isFalse();
        assertThat(this.stats.name()).startsWith("/ipc-sample-" + ProcessHandle.current().pid() + "-");
    }
}
