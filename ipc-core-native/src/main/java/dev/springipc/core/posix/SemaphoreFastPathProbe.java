package dev.springipc.core.posix;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import dev.springipc.core.sys.Timespec;
import org.jspecify.annotations.Nullable;

/**
 * The one-time active self-test of the fast path: on a temporary semaphore, glibc's
 * {@code sem_*} (through JNA) and {@link GlibcSemaphoreCore} must agree on the value word, the
 * waiter count in its high half, and wake each other. It catches a glibc whose layout or
 * protocol differs in a way the per-file check cannot see. Takes a few milliseconds; the
 * temporary semaphore is removed whatever happens.
 */
final class SemaphoreFastPathProbe {

    private static final int PROBE_VALUE = 0x1234;

    private static final long STEP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SemaphoreFastPathProbe() {
    }

    /** Null if the fast path behaves as glibc does here, else what differed. */
    static @Nullable String run() {
        // An interrupt pending on the thread that happens to open the first semaphore must not turn
        // the fast path off for the whole JVM: it is set aside while the probe runs, then restored.
        boolean interrupted = Thread.interrupted();
        try {
            return probe();
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static @Nullable String probe() {
        String name = "/springipc.probe." + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet();
        Pointer handle = LibRt.sem_open(name, Sys.O_CREAT | Sys.O_EXCL, 0600, PROBE_VALUE);
        if (handle == null) {
            return "self-test: sem_open failed: " + new NativeError("sem_open", Native.getLastError()).getMessage();
        }
        try {
            GlibcSemaphoreCore core;
            try {
                core = GlibcSemaphoreCore.map(name, handle);
            }
            catch (RuntimeException ex) {
                LibRt.sem_close(handle);
                return "self-test: a fresh semaphore's file does not pass the layout check: " + ex.getMessage();
            }
            try {
                return exercise(core, handle);
            }
            finally {
                core.close();
            }
        }
        catch (NativeError | InterruptedException | RuntimeException ex) {
            return "self-test failed: " + ex;
        }
        finally {
            LibRt.sem_unlink(name);
        }
    }

    private static @Nullable String exercise(GlibcSemaphoreCore core, Pointer handle)
            throws NativeError, InterruptedException {
        if (core.data() != PROBE_VALUE) {
            return "self-test: sem_open(value " + PROBE_VALUE + ") wrote data word " + Long.toHexString(core.data());
        }
        Sys.check(LibRt.sem_post(handle), "sem_post");
        if (core.data() != PROBE_VALUE + 1) {
            return "self-test: sem_post did not add 1 to the value word";
        }
        if (!core.tryAcquire() || glibcValue(handle) != PROBE_VALUE) {
            return "self-test: sem_getvalue does not see the fast path's tryAcquire";
        }
        while (core.tryAcquire()) {
            // Drain to 0.
        }
        if (core.data() != 0 || LibRt.sem_trywait(handle) == 0) {
            return "self-test: draining left data word " + Long.toHexString(core.data());
        }
        String woken = glibcWaiterWokenByRelease(core, handle);
        return (woken != null) ? woken : releaseByGlibcWakesAwait(core, handle);
    }

    /** A thread in sem_timedwait must show as one waiter in the high half, and a fast release must wake it. */
    private static @Nullable String glibcWaiterWokenByRelease(GlibcSemaphoreCore core, Pointer handle)
            throws NativeError, InterruptedException {
        int[] result = { -1 };
        Thread waiter = new Thread(() -> {
            try (Memory deadline = new Memory(Timespec.SIZE)) {
                Timespec.realtimeDeadline(NativeScratch.view(deadline), STEP_TIMEOUT_NANOS);
                result[0] = LibRt.sem_timedwait(handle, deadline);
            }
        }, "springipc-semaphore-probe");
        waiter.setDaemon(true);
        waiter.start();
        boolean registered = awaitData(core, data -> data == GlibcSemaphoreLayout.ONE_WAITER);
        core.release();
        waiter.join(TimeUnit.NANOSECONDS.toMillis(2 * STEP_TIMEOUT_NANOS));
        if (!registered) {
            return "self-test: a glibc waiter did not show as data word 1<<32 (saw " + Long.toHexString(core.data()) + ")";
        }
        if (result[0] != 0 || core.data() != 0) {
            return "self-test: a fast release did not wake a glibc waiter (data word " + Long.toHexString(core.data())
                    + ")";
        }
        return null;
    }

    /** A fast waiter must be woken by glibc's sem_post. */
    private static @Nullable String releaseByGlibcWakesAwait(GlibcSemaphoreCore core, Pointer handle)
            throws NativeError, InterruptedException {
        int[] posted = { -1 };
        Thread poster = new Thread(() -> {
            awaitData(core, data -> data == GlibcSemaphoreLayout.ONE_WAITER);
            posted[0] = LibRt.sem_post(handle);
        }, "springipc-semaphore-probe");
        poster.setDaemon(true);
        poster.start();
        boolean acquired = core.awaitSlice(STEP_TIMEOUT_NANOS, NativeScratch.current());
        poster.join(TimeUnit.NANOSECONDS.toMillis(2 * STEP_TIMEOUT_NANOS));
        if (!acquired || posted[0] != 0 || core.data() != 0) {
            return "self-test: sem_post did not wake a fast waiter (data word " + Long.toHexString(core.data()) + ")";
        }
        return null;
    }

    private static boolean awaitData(GlibcSemaphoreCore core, LongPredicate condition) {
        long deadline = System.nanoTime() + STEP_TIMEOUT_NANOS;
        while (!condition.test(core.data())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000L);
        }
        return true;
    }

    private static int glibcValue(Pointer handle) throws NativeError {
        NativeScratch scratch = NativeScratch.current();
        Sys.check(LibRt.sem_getvalue(handle, scratch.intOut()), "sem_getvalue");
        return scratch.intOutView().getInt(0);
    }
}
