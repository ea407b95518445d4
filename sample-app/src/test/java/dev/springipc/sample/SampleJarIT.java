package dev.springipc.sample;

import java.time.Duration;
import java.util.List;

import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command itself, {@code java -jar sample-app/target/ipc-sample-app.jar}, on the
 * jar {@code package} built (failsafe runs this after it, in {@code verify}): the consumer is then
 * started from the jar too.
 */
class SampleJarIT {

    private final String namespace = SampleProcess.uniqueNamespace();

    @AfterEach
    void removeWhatAFailedRunLeft() {
        SampleProcess.removeLeftovers(this.namespace);
    }

    @Test
    void theReadmeCommandRunsTheMainJobAndLeavesNothingBehind() {
        try (PeerProcess sample = SampleProcess.fromJar("--ipc.namespace=" + this.namespace, "--sample.orders=40")) {
            List<String> lines = sample.remainingLines(Duration.ofSeconds(120));
            assertThat(sample.waitFor(Duration.ofSeconds(5))).as(String.join("\n", lines)).isZero();
            SampleProcess.assertRunReported(lines, this.namespace, 40);
            assertThat(lines.get(lines.size() - 1)).matches("done; removed [1-9]\\d* objects, nothing left behind");
            assertThat(SampleProcess.leftovers(this.namespace)).isEmpty();
        }
    }
}
