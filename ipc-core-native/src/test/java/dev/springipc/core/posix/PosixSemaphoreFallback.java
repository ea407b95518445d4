package dev.springipc.core.posix;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcSemaphore;

/** Opens POSIX semaphores on the JNA fallback, for behaviour tests outside this package. */
public final class PosixSemaphoreFallback {

    private PosixSemaphoreFallback() {
    }

    public static IpcSemaphore open(String name, int permits) {
        PosixSemaphore semaphore = PosixSemaphore.open(name, permits, 0600, CreateMode.OPEN_OR_CREATE, false);
        if (!semaphore.implementation().equals(JnaSemaphoreCore.IMPLEMENTATION)) {
            throw new AssertionError("expected the JNA fallback, got " + semaphore.implementation());
        }
        return semaphore;
    }

    /** Which implementation {@code semaphore} (a POSIX one) runs on. */
    public static String implementation(IpcSemaphore semaphore) {
        return ((PosixSemaphore) semaphore).implementation();
    }
}
