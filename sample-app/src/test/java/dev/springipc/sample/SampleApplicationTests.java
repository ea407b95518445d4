package dev.springipc.sample;

import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSharedSegment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's main job runs against real kernel objects declared in its application.yml
 * (with a test namespace), as {@code java -jar} runs it.
 */
@SpringBootTest(properties = "ipc.namespace=" + SampleApplicationTests.NAMESPACE)
class SampleApplicationTests {

    static final String NAMESPACE = "sit-sample";

    @Autowired
    IpcSharedSegment stats;

    @Autowired
    IpcMutex ledger;

    @Test
    void theMainJobCountedEveryOrderUnderTheMutex() {
        assertThat(this.stats.getLong(0)).isEqualTo(5);
        assertThat(this.stats.getLong(8)).isEqualTo("order-1".length() * 5L);
        assertThat(this.ledger.isHeldByCurrentThread()).isFalse();
    }
}
