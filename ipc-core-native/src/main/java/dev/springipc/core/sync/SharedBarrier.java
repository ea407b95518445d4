package dev.springipc.core.sync;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcBarrierBrokenException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractMappedResource;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.Futex;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;

/**
 * {@link IpcBarrier} in a {@link SharedMapping} laid out by {@link BarrierDescriptor}. Arrivals
 * update the state under a robust mutex; waiters sleep on the generation word with
 * {@code FUTEX_WAIT} in short slices, and between slices look whether a waiting party's process
 * still exists, so a SIGKILLed party breaks the round instead of hanging it.
 */
public final class SharedBarrier extends AbstractMappedResource implements IpcBarrier {

    static final String KIND = "IPC barrier";

    /** Bounded so the pid table stays small. */
    public static final int MAX_PARTIES = 4096;

    private final ByteBuffer buffer;

    private final RobustMutexCell cell;

    private final Pointer generationWord;

    private final int parties;

    private final int pid = Sys.pid();

    private final BooleanSupplier openCheck = this::isOpen;

    private SharedBarrier(String name, SharedMapping mapping, int parties) {
        super(KIND, name, mapping);
        this.buffer = mapping.buffer();
        this.parties = parties;
        this.cell = new RobustMutexCell(mapping.pointer(BarrierDescriptor.MUTEX_OFFSET), description());
        this.generationWord = mapping.pointer(BarrierDescriptor.GENERATION_OFFSET);
    }

    public static SharedBarrier open(String name, int parties, int mode, CreateMode create) {
        return open(name, parties, mode, create, IpcTrust.OWNER_ONLY);
    }

    public static SharedBarrier open(String name, int parties, int mode, CreateMode create, IpcTrust trust) {
        SharedMapping mapping = SharedMapping.open(KIND, name, BarrierDescriptor.length(parties), mode, create,
                trust);
        SharedBarrier barrier = new SharedBarrier(name, mapping, parties);
        barrier.establish(BarrierDescriptor.MAGIC, BarrierDescriptor.VERSION, barrier::initialize,
                barrier::checkParties);
        return barrier;
    }

    private void initialize() throws NativeError {
        this.cell.initialize();
        this.buffer.putInt(BarrierDescriptor.PARTIES_OFFSET, this.parties);
        this.buffer.putInt(BarrierDescriptor.BROKEN_GENERATION_OFFSET, BarrierDescriptor.NOT_BROKEN);
    }

    private void checkParties() {
        int existing = this.buffer.getInt(BarrierDescriptor.PARTIES_OFFSET);
        if (existing != this.parties) {
            throw new IpcException(description(), null, 0, description() + ": it exists with " + existing
                    + " parties, not the " + this.parties + " requested; configure the same number everywhere, "
                    + "or recreate it");
        }
    }

    @Override
    public int await() throws InterruptedException {
        return await(Duration.ofNanos(Waits.FOREVER));
    }

    @Override
    public int await(Duration timeout) throws InterruptedException {
        Waits.checkInterrupted();
        enter();
        try {
            // Arriving takes the state mutex with a compare-and-set, fatal on a truncated mapping.
            requireIntact();
            return arriveAndWait(Waits.deadline(Waits.toNanos(timeout)));
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    private int arriveAndWait(long deadline) throws InterruptedException, NativeError {
        int generation;
        int index;
        lockState();
        try {
            generation = this.buffer.getInt(BarrierDescriptor.GENERATION_OFFSET);
            if (brokenGeneration() == generation) {
                throw broken();
            }
            index = this.buffer.getInt(BarrierDescriptor.ARRIVED_OFFSET);
            this.buffer.putInt(BarrierDescriptor.pidOffset(index), this.pid);
            if (index + 1 < this.parties) {
                this.buffer.putInt(BarrierDescriptor.ARRIVED_OFFSET, index + 1);
            }
            else {
                this.buffer.putInt(BarrierDescriptor.ARRIVED_OFFSET, 0);
                // Release: waiters that see the new generation see a consistent round.
                SharedMemory.putIntRelease(this.buffer, BarrierDescriptor.GENERATION_OFFSET, generation + 1);
            }
        }
        finally {
            this.cell.unlock();
        }
        if (index + 1 == this.parties) {
            Futex.wakeAll(this.generationWord);
            return 0;
        }
        awaitNextGeneration(generation, deadline);
        return this.parties - 1 - index;
    }

    private void awaitNextGeneration(int generation, long deadline) throws InterruptedException, NativeError {
        NativeScratch scratch = NativeScratch.current();
        while (true) {
            if (SharedMemory.getIntAcquire(this.buffer, BarrierDescriptor.GENERATION_OFFSET) != generation) {
                if (brokenGeneration() == generation) {
                    throw broken();
                }
                return;
            }
            if (brokenGeneration() == generation) {
                throw broken();
            }
            long slice = Waits.nextSlice(deadline);
            if (slice == 0) {
                breakRound(generation, BarrierDescriptor.REASON_TIMEOUT, this.pid);
                throw new IpcTimeoutException(description(), null, Errno.ETIMEDOUT, description() + ": not all "
                        + this.parties + " parties arrived in time; the round is now broken for the others. Call "
                        + "reset() before the next round");
            }
            Futex.await(this.generationWord, generation, slice, scratch.timespec(), scratch.timespecView());
            if (Thread.interrupted()) {
                breakRound(generation, BarrierDescriptor.REASON_INTERRUPTED, this.pid);
                throw new InterruptedException();
            }
            ensureOpen();
            int dead = deadParty(generation);
            if (dead != 0) {
                breakRound(generation, BarrierDescriptor.REASON_PARTY_DIED, dead);
                throw broken();
            }
        }
    }

    /** A party of this round whose process is gone, or 0. */
    private int deadParty(int generation) {
        int arrived = SharedMemory.getIntVolatile(this.buffer, BarrierDescriptor.ARRIVED_OFFSET);
        for (int i = 0; i < arrived && i < this.parties; i++) {
            int party = this.buffer.getInt(BarrierDescriptor.pidOffset(i));
            if (party != this.pid && !Sys.isAlive(party)
                    && SharedMemory.getIntVolatile(this.buffer, BarrierDescriptor.GENERATION_OFFSET) == generation) {
                return party;
            }
        }
        return 0;
    }

    private void breakRound(int generation, int reason, int culprit) throws NativeError {
        lockState();
        try {
            if (this.buffer.getInt(BarrierDescriptor.GENERATION_OFFSET) == generation
                    && brokenGeneration() != generation) {
                markBroken(generation, reason, culprit);
            }
        }
        finally {
            this.cell.unlock();
        }
        Futex.wakeAll(this.generationWord);
    }

    @Override
    public void reset() {
        enter();
        try {
            requireIntact();
            lockState();
            try {
                int generation = this.buffer.getInt(BarrierDescriptor.GENERATION_OFFSET);
                if (this.buffer.getInt(BarrierDescriptor.ARRIVED_OFFSET) > 0 && brokenGeneration() != generation) {
                    markBroken(generation, BarrierDescriptor.REASON_RESET, this.pid);
                }
                this.buffer.putInt(BarrierDescriptor.ARRIVED_OFFSET, 0);
                SharedMemory.putIntRelease(this.buffer, BarrierDescriptor.GENERATION_OFFSET, generation + 1);
            }
            finally {
                this.cell.unlock();
            }
            Futex.wakeAll(this.generationWord);
        }
        catch (NativeError ex) {
            throw translate(ex);
        }
        finally {
            exit();
        }
    }

    /** Takes the state mutex; a process that died holding it leaves the round broken. */
    private void lockState() {
        try {
            int status = this.cell.lock(Waits.deadline(Waits.FOREVER), false, this.openCheck);
            if (status == RobustMutexCell.ACQUIRED_OWNER_DIED) {
                markBroken(this.buffer.getInt(BarrierDescriptor.GENERATION_OFFSET),
                        BarrierDescriptor.REASON_DIED_IN_CRITICAL_SECTION, 0);
            }
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException("Unreachable: an uninterruptible wait was interrupted", ex);
        }
    }

    private void markBroken(int generation, int reason, int culprit) {
        this.buffer.putInt(BarrierDescriptor.BROKEN_REASON_OFFSET, reason);
        this.buffer.putInt(BarrierDescriptor.BROKEN_PID_OFFSET, culprit);
        SharedMemory.putIntRelease(this.buffer, BarrierDescriptor.BROKEN_GENERATION_OFFSET, generation);
    }

    private int brokenGeneration() {
        return SharedMemory.getIntAcquire(this.buffer, BarrierDescriptor.BROKEN_GENERATION_OFFSET);
    }

    private IpcBarrierBrokenException broken() {
        String reason = BarrierDescriptor.reason(this.buffer.getInt(BarrierDescriptor.BROKEN_REASON_OFFSET),
                this.buffer.getInt(BarrierDescriptor.BROKEN_PID_OFFSET));
        return new IpcBarrierBrokenException(description(), null, 0, description() + ": broken: " + reason
                + "; call reset() before the next round");
    }

    @Override
    public boolean isBroken() {
        checkIntact();
        try {
            return brokenGeneration() == SharedMemory.getIntVolatile(this.buffer, BarrierDescriptor.GENERATION_OFFSET);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

    @Override
    public int parties() {
        return this.parties;
    }

    @Override
    public int numberWaiting() {
        checkIntact();
        try {
            return SharedMemory.getIntVolatile(this.buffer, BarrierDescriptor.ARRIVED_OFFSET);
        }
        catch (InternalError ex) {
            throw mappingGone(ex);
        }
    }

}
