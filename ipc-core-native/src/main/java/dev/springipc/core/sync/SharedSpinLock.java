package dev.springipc.core.sync;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.OwnerWord;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Sys;

/**
 * {@link IpcSpinLock} over one word of a {@link SharedMapping} laid out by
 * {@link SpinLockDescriptor}. Taking and releasing the lock is a compare-and-set and a release
 * store: no system call unless the lock is contended long enough to sleep.
 */
public final class SharedSpinLock extends AbstractSharedLock implements IpcSpinLock {

    static final String KIND = "IPC spin lock";

    /** Busy spins before the waiter starts yielding. */
    private static final int SPINS = 200;

    /** Yields before the waiter starts sleeping. */
    private static final int YIELDS = 50;

    private static final long MIN_PARK_NANOS = 1_000L;

    private static final long MAX_PARK_NANOS = 1_000_000L;

    /** How often a sleeping waiter looks whether the holder's process still exists. */
    private static final long LIVENESS_CHECK_NANOS = 10_000_000L;

    private final ByteBuffer buffer;

    private final long takeoverAfterNanos;

    private final int pid = Sys.pid();

    /** Per holding thread: whether the hold was taken over from a dead process. */
    private final ThreadLocal<boolean[]> tookOver = ThreadLocal.withInitial(() -> new boolean[1]);

    private SharedSpinLock(String name, SharedMapping mapping, Duration takeoverAfter) {
        super(KIND, name, mapping);
        this.buffer = mapping.buffer();
        this.takeoverAfterNanos = Waits.toNanos(takeoverAfter);
    }

    public static SharedSpinLock open(String name, int mode, CreateMode create, Duration takeoverAfter) {
        return open(name, mode, create, takeoverAfter, IpcTrust.OWNER_ONLY);
    }

    public static SharedSpinLock open(String name, int mode, CreateMode create, Duration takeoverAfter,
            IpcTrust trust) {
        SharedMapping mapping = SharedMapping.open(KIND, name, SpinLockDescriptor.LENGTH, mode, create, trust);
        SharedSpinLock lock = new SharedSpinLock(name, mapping, takeoverAfter);
        // ftruncate zeroed the memory: the lock word starts free, nothing else to initialise.
        lock.establish(SpinLockDescriptor.MAGIC, SpinLockDescriptor.VERSION, NOTHING, NOTHING);
        return lock;
    }

    @Override
    public boolean tryLock() {
        ensureOpen();
        long me = myWord();
        checkNotHeld(me);
        return take(me);
    }

    @Override
    boolean acquire(long timeoutNanos, boolean interruptible) throws InterruptedException {
        ensureOpen();
        long me = myWord();
        checkNotHeld(me);
        if (take(me)) {
            return true;
        }
        long deadline = Waits.deadline(timeoutNanos);
        long park = MIN_PARK_NANOS;
        long nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        long watchedHolder = 0;
        long holderDeadSince = 0;
        for (int attempt = 1;; attempt++) {
            if (attempt <= SPINS) {
                Thread.onSpinWait();
            }
            else if (attempt <= SPINS + YIELDS) {
                Thread.yield();
            }
            else {
                LockSupport.parkNanos(park);
                park = Waits.backoff(park, MAX_PARK_NANOS);
            }
            if (take(me)) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return false;
            }
            if (interruptible && Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (now - nextLivenessCheck >= 0) {
                ensureOpen();
                nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                long holder = SharedMemory.getLongVolatile(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET);
                if (holder != watchedHolder) {
                    watchedHolder = holder;
                    holderDeadSince = 0;
                }
                if (OwnerWord.isDeadHolder(holder, me)) {
                    if (holderDeadSince == 0) {
                        holderDeadSince = now;
                    }
                    if (now - holderDeadSince >= this.takeoverAfterNanos
                            && OwnerWord.takeOver(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET, holder, me)) {
                        SharedMemory.getAndAddLong(this.buffer, SpinLockDescriptor.TAKEOVERS_OFFSET, 1L);
                        this.tookOver.get()[0] = true;
                        return true;
                    }
                }
            }
        }
    }

    /** One compare-and-set of the free word to ours; volatile semantics order the critical section. */
    private boolean take(long me) {
        if (OwnerWord.claimFree(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET, me)) {
            this.tookOver.get()[0] = false;
            return true;
        }
        return false;
    }

    @Override
    public void unlock() {
        ensureOpen();
        long me = myWord();
        // Release semantics: writes of the critical section are visible before the lock is free.
        if (!OwnerWord.release(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET, me)) {
            throw new IllegalMonitorStateException(description() + ": unlock() by a thread that does not hold it");
        }
        this.tookOver.get()[0] = false;
    }

    private void checkNotHeld(long me) {
        if (SharedMemory.getLongVolatile(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET) == me) {
            throw new IllegalStateException(description() + ": the calling thread holds it already; an IpcSpinLock is "
                    + "not reentrant");
        }
    }

    private long myWord() {
        return OwnerWord.of(this.pid, Thread.currentThread().getId());
    }

    @Override
    public boolean previousHolderDied() {
        return holdsIt() && this.tookOver.get()[0];
    }

    private boolean holdsIt() {
        return SharedMemory.getLongVolatile(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET) == myWord();
    }

    @Override
    public long takeovers() {
        checkIntact();
        try {
            return SharedMemory.getLongVolatile(this.buffer, SpinLockDescriptor.TAKEOVERS_OFFSET);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public int holderPid() {
        checkIntact();
        try {
            return OwnerWord.pidOf(SharedMemory.getLongVolatile(this.buffer, SpinLockDescriptor.LOCK_WORD_OFFSET));
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

}
