package dev.springipc.autoconfigure;

import java.lang.reflect.Field;
import java.time.Duration;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.Permissions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry defaults the starter states (so that the docs can list them) are the ones the core
 * builders hold: one value for each default, whichever API a user reads. A default that depends
 * on the type, such as a queue's capacity, is left to the core builder instead (see
 * {@link IpcQueueDefaultsTests}). The builders keep their defaults private, so they are read here
 * by field name: a renamed field fails this test rather than letting the two drift.
 */
class EntryDefaultsTests {

    @Test
    void everyEntryTakesTheCoreBuildersModeAndCreateMode() throws Exception {
        IpcProperties.Semaphore entry = new IpcProperties.Semaphore();
        Object builder = IpcSemaphore.builder("/x");
        assertThat(Permissions.parseMode(entry.getMode())).isEqualTo(coreDefault(builder, "mode"))
            .isEqualTo(Permissions.DEFAULT_MODE);
        assertThat(entry.getCreate()).isEqualTo(coreDefault(builder, "create"));
    }

    @Test
    void semaphoreAndSpinLockDefaultsAreTheCoreBuilders() throws Exception {
        assertThat(new IpcProperties.Semaphore().getPermits())
            .isEqualTo(coreDefault(IpcSemaphore.builder("/x"), "permits"))
            .isEqualTo(coreDefault(IpcSemaphore.sysv(1), "permits"));
        assertThat(new IpcProperties.SpinLock().getTakeoverAfter())
            .isEqualTo(coreDefault(IpcSpinLock.builder("/x"), "takeoverAfter"));
    }

    @Test
    void fifoDefaultsAreTheCoreBuilders() throws Exception {
        IpcProperties.Fifo entry = new IpcProperties.Fifo();
        Object builder = IpcFifo.builder("x.fifo");
        assertThat(new IpcProperties().getFifoDirectory()).isEqualTo(IpcFifo.DEFAULT_DIRECTORY);
        assertThat(entry.getFraming()).isEqualTo(coreDefault(builder, "framing"));
        assertThat((long) (int) coreDefault(builder, "maxFrameSize")).isEqualTo(entry.getMaxFrameSize().toBytes());
        assertThat(entry.getSendTimeout()).isEqualTo(coreDefault(builder, "sendTimeout"));
    }

    @Test
    void pipeDefaultsAreTheCoreBuilders() throws Exception {
        IpcProperties.Pipe entry = new IpcProperties.Pipe();
        Object builder = IpcPipe.builder("cat");
        assertThat(entry.getFraming()).isEqualTo(coreDefault(builder, "framing"));
        assertThat((long) (int) coreDefault(builder, "maxFrameSize")).isEqualTo(entry.getMaxFrameSize().toBytes());
        assertThat(entry.getRestart()).isEqualTo(coreDefault(builder, "restart"));
        assertThat(entry.getRestartBackoff()).isEqualTo(coreDefault(builder, "restartBackoff"));
        assertThat(entry.getStopTimeout()).isEqualTo(coreDefault(builder, "stopTimeout"));
        assertThat(entry.getSendTimeout()).isEqualTo(coreDefault(builder, "sendTimeout"));
        // The starter's description of restart-backoff names the core's ceiling.
        assertThat(coreDefault(builder, "maxRestartBackoff")).isEqualTo(Duration.ofSeconds(30));
    }

    /** The value a fresh core builder holds in {@code field}, declared by it or a superclass. */
    private static Object coreDefault(Object builder, String field) throws ReflectiveOperationException {
        for (Class<?> type = builder.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field declared = type.getDeclaredField(field);
                declared.setAccessible(true);
                return declared.get(builder);
            }
            catch (NoSuchFieldException ex) {
                // Declared further up.
            }
        }
        throw new NoSuchFieldException(builder.getClass().getName() + "." + field);
    }
}
