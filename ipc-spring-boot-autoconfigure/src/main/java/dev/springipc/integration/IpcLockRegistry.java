package dev.springipc.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.springipc.core.IpcMutex;
import dev.springipc.core.Permissions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.util.Assert;

/**
 * A Spring Integration {@link org.springframework.integration.support.locks.LockRegistry} whose
 * locks hold across the processes of one host: each key maps to a robust {@link IpcMutex} named
 * {@code /<namespace>.lock.<key>} (keys with other characters, or too long, are hashed), so
 * {@code LockRegistryLeaderInitiator}, aggregators and {@code executeLocked} exclude each other
 * in every process that uses the same namespace. A process killed while holding a lock releases
 * it at once; the next holder sees {@link IpcLock#previousOwnerDied()}.
 * <p>
 * Within the JVM each lock first takes a local {@code ReentrantLock} (as {@code JdbcLockRegistry}
 * does), so threads queue in Java and at most one waits on the mutex. Use platform threads: a
 * pthread mutex belongs to the OS thread that locked it.
 * <p>
 * {@link #destroy()} closes the mutexes and removes those the removal rule selects (by default
 * the ones this process created), but never one that another process still maps.
 */
public final class IpcLockRegistry implements ExpirableLockRegistry<IpcLock>, DisposableBean {

    private static final Log logger = LogFactory.getLog(IpcLockRegistry.class);

    private final String namespace;

    private final int mode;

    private final Predicate<IpcMutex> removeAtClose;

    private final Map<String, IpcLock> locks = new ConcurrentHashMap<>();

    private volatile boolean closed;

    /** Locks under {@code namespace}, mode 0600, removing at close the mutexes this process created. */
    public IpcLockRegistry(String namespace) {
        this(namespace, Permissions.DEFAULT_MODE, IpcMutex::isOwned);
    }

    /**
     * Locks under {@code namespace}.
     * @param mode permission bits of the mutexes this process creates
     * @param removeAtClose which mutexes {@link #destroy()} removes (when no other process maps them)
     */
    public IpcLockRegistry(String namespace, int mode, Predicate<IpcMutex> removeAtClose) {
        Assert.hasText(namespace, "namespace must not be empty");
        this.namespace = namespace;
        this.mode = Permissions.checkMode(mode);
        this.removeAtClose = removeAtClose;
    }

    /**
     * The lock for {@code lockKey}, a String; the same object for the same key until it expires.
     * Opens (or creates) its mutex now.
     */
    @Override
    public IpcLock obtain(Object lockKey) {
        Assert.isInstanceOf(String.class, lockKey, "IpcLockRegistry keys must be Strings");
        String key = (String) lockKey;
        Assert.state(!this.closed, () -> "IpcLockRegistry " + this.namespace + " is closed; lock '" + key
                + "' cannot be obtained after shutdown");
        return this.locks.computeIfAbsent(key,
                (k) -> new IpcLock(k, IpcMutex.builder(nameOf(k)).mode(this.mode).open()));
    }

    /** The OS name of the mutex behind {@code lockKey}. */
    public String nameOf(String lockKey) {
        return LockNames.nameOf(this.namespace, lockKey);
    }

    /**
     * Closes the mutexes of locks that no thread here holds or waits for and that were last used
     * longer than {@code age} milliseconds ago. Such a lock must be obtained again. The OS objects
     * stay: other processes may use them.
     */
    @Override
    public void expireUnusedOlderThan(long age) {
        long ageNanos = TimeUnit.MILLISECONDS.toNanos(age);
        this.locks.values().removeIf((lock) -> {
            if (lock.unusedFor(ageNanos)) {
                lock.mutex().close();
                return true;
            }
            return false;
        });
    }

    /** Closes every mutex, and removes those selected at construction that no other process maps. */
    @Override
    public void destroy() {
        this.closed = true;
        for (IpcLock lock : this.locks.values()) {
            IpcMutex mutex = lock.mutex();
            try {
                mutex.close();
                if (this.removeAtClose.test(mutex)) {
                    removeUnlessShared(mutex);
                }
            }
            catch (RuntimeException ex) {
                logger.warn("Could not release " + lock, ex);
            }
        }
        this.locks.clear();
    }

    private static void removeUnlessShared(IpcMutex mutex) {
        if (SharedMemoryUsers.mappedByAnotherProcess(mutex.name())) {
            logger.info("Keeping " + mutex.name() + ": another process still uses it");
            return;
        }
        mutex.unlink();
    }

    @Override
    public String toString() {
        return "IpcLockRegistry[" + this.namespace + ", " + this.locks.size() + " locks]";
    }
}
