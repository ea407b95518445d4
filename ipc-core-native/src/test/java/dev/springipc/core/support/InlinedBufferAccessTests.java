package dev.springipc.core.support;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classes C2 needs loaded to inline the buffer access paths are loaded by the first use of
 * {@link SharedMemory}, in a JVM that has done nothing else: without that, a fresh JVM loads
 * none of them (on JDK 17 or 25), and whether a hot path was compiled inline depended on the run.
 */
class InlinedBufferAccessTests {

    @Test
    void theFirstSharedMemoryAccessLoadsTheSignatureClassesOfThisJdk() {
        // JDK 17 has the first; JDK 21 and later, the second. Neither is ours to load otherwise.
        List<String> expected = (Runtime.version().feature() < 21) ? List.of("jdk.internal.misc.ScopedMemoryAccess$Scope")
                : List.of("jdk.internal.foreign.AbstractMemorySegmentImpl", "jdk.internal.foreign.MemorySessionImpl");
        List<String> loaded;
        try (PeerProcess child = ChildJvm.start(List.of("-Xlog:class+load=info:stdout"), List.of(), OneAccess.class)) {
            loaded = child.remainingLines(Duration.ofSeconds(60));
            assertThat(child.waitFor(Duration.ofSeconds(10))).as("exit code; stderr: %s", child.stderr()).isZero();
        }
        // A name of another JDK's is skipped: the class initializer did not fail, the access was made.
        assertThat(loaded).as("the child's output").contains(OneAccess.DONE);
        for (String name : expected) {
            assertThat(loaded).as("class loading of a JVM that made one SharedMemory access")
                .anyMatch((line) -> line.contains(" " + name + " "));
        }
    }

    /** A JVM's one use of shared memory: a volatile read of a direct buffer. */
    public static final class OneAccess {

        static final String DONE = "one access made";

        public static void main(String[] args) {
            SharedMemory.getLongVolatile(ByteBuffer.allocateDirect(Long.BYTES), 0);
            ChildJvm.say(DONE);
        }
    }
}
