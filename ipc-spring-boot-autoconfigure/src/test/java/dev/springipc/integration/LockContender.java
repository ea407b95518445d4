package dev.springipc.integration;

import java.time.Duration;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.ChildJvm;

/**
 * A second process for {@link IpcLockRegistryTests}, with its own {@link IpcLockRegistry} on the
 * same namespace.
 * <ul>
 * <li>{@code count <namespace> <key> <segment> <n>}: prints READY, waits for GO on stdin, then
 * increments the counter at offset 0 of the segment n times, non-atomically, under the lock;
 * prints DONE.</li>
 * <li>{@code hold <namespace> <key>}: takes the lock, prints HOLDING and sleeps until killed.</li>
 * </ul>
 */
public final class LockContender {

    private LockContender() {
    }

    public static void main(String[] args) throws Exception {
        IpcLockRegistry registry = new IpcLockRegistry(args[1], 0600, (mutex) -> false);
        IpcLock lock = registry.obtain(args[2]);
        if (args[0].equals("hold")) {
            lock.lock();
            ChildJvm.say("HOLDING");
            ChildJvm.pause(Duration.ofMinutes(5));
            return;
        }
        try (IpcSharedSegment counter = IpcSharedSegment.builder(args[3]).create(CreateMode.OPEN_ONLY).open()) {
            ChildJvm.say("READY");
            ChildJvm.stdin().readLine();
            incrementUnderLock(registry, args[2], counter, Integer.parseInt(args[4]));
            ChildJvm.say("DONE");
        }
        finally {
            registry.destroy();
        }
    }

    /** Read, yield, write: without the lock, concurrent increments get lost. */
    static void incrementUnderLock(IpcLockRegistry registry, String key, IpcSharedSegment counter, int times)
            throws InterruptedException {
        for (int i = 0; i < times; i++) {
            registry.executeLocked(key, () -> {
                long value = counter.getLong(0);
                Thread.yield();
                counter.putLong(0, value + 1);
            });
        }
    }
}
