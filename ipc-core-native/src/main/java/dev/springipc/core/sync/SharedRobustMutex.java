package dev.springipc.core.sync;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcMutex} over a {@link RobustMutexCell} in a {@link SharedMapping} laid out by
 * {@link MutexDescriptor}. Reentrancy is counted in Java; the pthread mutex is taken once.
 */
public final class SharedRobustMutex extends AbstractSharedLock implements IpcMutex {

    static final String KIND = "IPC mutex";

    private final ByteBuffer buffer;

    private final RobustMutexCell cell;

    private final BooleanSupplier openCheck = this::isOpen;

    private volatile @Nullable Thread holder;

    /** Written and read by the holding thread only. */
    private int holds;

    private boolean previousOwnerDied;

    private SharedRobustMutex(String name, SharedMapping mapping) {
        super(KIND, name, mapping);
        this.buffer = mapping.buffer();
        this.cell = new RobustMutexCell(mapping.pointer(MutexDescriptor.MUTEX_OFFSET), description());
    }

    public static SharedRobustMutex open(String name, int mode, CreateMode create) {
        return open(name, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static SharedRobustMutex open(String name, int mode, CreateMode create, IpcTrust trust) {
        SharedMapping mapping = SharedMapping.open(KIND, name, MutexDescriptor.LENGTH, mode, create, trust);
        SharedRobustMutex mutex = new SharedRobustMutex(name, mapping);
        mutex.establish(MutexDescriptor.MAGIC, MutexDescriptor.VERSION, mutex.cell::initialize, NOTHING);
        return mutex;
    }

    @Override
    public boolean tryLock() {
        if (reenter()) {
            return true;
        }
        enter();
        try {
            return held(this.cell.tryLock());
        }
        finally {
            exit();
        }
    }

    @Override
    boolean acquire(long timeoutNanos, boolean interruptible) throws InterruptedException {
        if (reenter()) {
            return true;
        }
        enter();
        try {
            return held(this.cell.lock(Waits.deadline(timeoutNanos), interruptible, this.openCheck));
        }
        finally {
            exit();
        }
    }

    private boolean reenter() {
        if (this.holder == Thread.currentThread()) {
            this.holds++;
            return true;
        }
        return false;
    }

    private boolean held(int status) {
        if (status == RobustMutexCell.TIMED_OUT) {
            return false;
        }
        this.holder = Thread.currentThread();
        this.holds = 1;
        this.previousOwnerDied = (status == RobustMutexCell.ACQUIRED_OWNER_DIED);
        if (this.previousOwnerDied) {
            this.buffer.putLong(MutexDescriptor.LAST_DEAD_PID_OFFSET,
                    this.buffer.getLong(MutexDescriptor.HOLDER_PID_OFFSET));
            this.buffer.putLong(MutexDescriptor.LAST_DEATH_MILLIS_OFFSET, System.currentTimeMillis());
            this.buffer.putLong(MutexDescriptor.OWNER_DEATHS_OFFSET,
                    this.buffer.getLong(MutexDescriptor.OWNER_DEATHS_OFFSET) + 1);
        }
        this.buffer.putLong(MutexDescriptor.HOLDER_PID_OFFSET, Sys.pid());
        return true;
    }

    @Override
    public void unlock() {
        if (this.holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException(description() + ": unlock() by a thread that does not hold it");
        }
        if (--this.holds > 0) {
            return;
        }
        enter();
        try {
            this.holder = null;
            this.previousOwnerDied = false;
            this.buffer.putLong(MutexDescriptor.HOLDER_PID_OFFSET, 0);
            this.cell.unlock();
        }
        finally {
            exit();
        }
    }

    @Override
    public boolean previousOwnerDied() {
        return isHeldByCurrentThread() && this.previousOwnerDied;
    }

    @Override
    public long ownerDeaths() {
        checkIntact();
        try {
            return this.buffer.getLong(MutexDescriptor.OWNER_DEATHS_OFFSET);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public Optional<Instant> lastOwnerDeath() {
        checkIntact();
        long millis;
        try {
            millis = this.buffer.getLong(MutexDescriptor.LAST_DEATH_MILLIS_OFFSET);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
        return (millis != 0) ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return this.holder == Thread.currentThread();
    }

    @Override
    protected void closeHandle() throws NativeError {
        // Closed while one of our threads holds it: keep the memory mapped. The kernel's robust
        // list points into it, and frees the mutex for other processes when the thread or the
        // process ends; unmapping now would leave them waiting forever.
        if (this.holder == null) {
            super.closeHandle();
        }
    }
}
