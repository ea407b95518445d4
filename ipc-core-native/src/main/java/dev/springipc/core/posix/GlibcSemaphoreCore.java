package dev.springipc.core.posix;

import java.lang.ref.Reference;

import com.sun.jna.Pointer;

import dev.springipc.core.CreateMode;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.Futex;
import dev.springipc.core.sys.LibRt;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;

import static dev.springipc.core.posix.GlibcSemaphoreLayout.NWAITERS_SHIFT;
import static dev.springipc.core.posix.GlibcSemaphoreLayout.ONE_WAITER;
import static dev.springipc.core.posix.GlibcSemaphoreLayout.SEM_VALUE_MAX;
import static dev.springipc.core.posix.GlibcSemaphoreLayout.VALUE_MASK;

/**
 * The fast path: glibc's own semaphore protocol ({@code nptl/sem_post.c},
 * {@code nptl/sem_waitcommon.c} of 2.36) done in Java on this process's own mapping of
 * {@code /dev/shm/sem.<name>}, so an uncontended release or tryAcquire is one CAS and no native
 * call. Sleeping and waking go through futex(2) on the value word, as glibc's do, so C callers
 * of {@code sem_*} and this class wait for and wake each other.
 * <p>
 * Why no wake-up is lost: value and waiter count share one 64-bit word. A release's CAS adds
 * the token and reads the waiter count at once; a waiter's fetch-add registers it and reads the
 * value at once. Whichever comes first, either the waiter sees the token or the releaser sees the
 * waiter and wakes one; FUTEX_WAIT re-checks {@code value == 0} in the kernel.
 * <p>
 * glibc's futex op is {@code (FUTEX_x | 128) ^ private}; the layout check admits only
 * {@code private == 128}, for which that is the plain (shared) op that {@link Futex} issues.
 * <p>
 * Close unmaps only once this object is unreachable (as the JDK does for a MappedByteBuffer),
 * so release and tryAcquire need no in-flight counting; each ends with a reachability fence.
 */
final class GlibcSemaphoreCore implements SemaphoreCore {

    static final String IMPLEMENTATION = "glibc sem_t fast path";

    private static final String FILE_KIND = "POSIX semaphore file";

    private final Pointer handle;

    private final SharedMapping mapping;

    private final MappedLong data;

    private final Pointer futexWord;

    private GlibcSemaphoreCore(Pointer handle, SharedMapping mapping) {
        this.handle = handle;
        this.mapping = mapping;
        this.data = new MappedLong(mapping.buffer(), GlibcSemaphoreLayout.DATA_OFFSET);
        this.futexWord = mapping.pointer(GlibcSemaphoreLayout.FUTEX_WORD_OFFSET);
    }

    /**
     * Maps the file behind {@code handle} (the {@code sem_open} of {@code name}) and checks its
     * layout. Throws {@link IllegalStateException} with the reason when the file is not one the
     * fast path can operate; {@code handle} is then left to the caller.
     */
    static GlibcSemaphoreCore map(String name, Pointer handle) {
        // shm_open("/sem.x") opens /dev/shm/sem.x, the file glibc's sem_open("/x") mapped; glibc's
        // shm_open adds O_NOFOLLOW as its sem_open does.
        SharedMapping mapping = SharedMapping.open(FILE_KIND, "/sem." + name.substring(1), 0, 0,
                CreateMode.OPEN_ONLY);
        String refusal = GlibcSemaphoreLayout.refusal(mapping.buffer(), mapping.size());
        if (refusal != null) {
            try {
                mapping.unmap();
            }
            catch (NativeError ex) {
                // The refusal is what the caller needs to know.
            }
            throw new IllegalStateException(refusal);
        }
        return new GlibcSemaphoreCore(handle, mapping);
    }

    @Override
    public boolean tryAcquire() {
        try {
            long d = this.data.get();
            while ((d & VALUE_MASK) != 0) {
                long seen = this.data.compareAndExchange(d, d - 1);
                if (seen == d) {
                    return true;
                }
                d = seen;
            }
            return false;
        }
        finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void release() throws NativeError {
        try {
            long d = this.data.get();
            while (true) {
                if ((d & VALUE_MASK) == SEM_VALUE_MAX) {
                    throw new NativeError("sem_post", Errno.EOVERFLOW);
                }
                long seen = this.data.compareAndExchange(d, d + 1);
                if (seen == d) {
                    break;
                }
                d = seen;
            }
            // The CAS read the waiter count together with adding the token: wake one if any.
            if ((d >>> NWAITERS_SHIFT) != 0) {
                Futex.wakeOne(this.futexWord);
            }
        }
        finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Registers as a waiter, sleeps on the value word while it is 0 and takes a token with the
     * same CAS that deregisters; deregisters without a token at the end of the slice or on an
     * error. The clock is looked at only while the value is 0, so a woken waiter that finds a
     * token always takes it and never leaves it stranded behind a sleeping one.
     */
    @Override
    public boolean awaitSlice(long nanos, NativeScratch scratch) throws NativeError {
        long end = System.nanoTime() + nanos;
        boolean registered = true;
        try {
            long d = this.data.getAndAdd(ONE_WAITER) + ONE_WAITER;
            while (true) {
                if ((d & VALUE_MASK) == 0) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    // Sleeps only while the value is still 0 (the kernel checks); any wake-up reloads.
                    Futex.await(this.futexWord, 0, left, scratch.timespec(), scratch.timespecView());
                    d = this.data.get();
                }
                else {
                    long seen = this.data.compareAndExchange(d, d - 1 - ONE_WAITER);
                    if (seen == d) {
                        registered = false;
                        return true;
                    }
                    d = seen;
                }
            }
        }
        finally {
            if (registered) {
                this.data.getAndAdd(-ONE_WAITER);
            }
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int value() {
        try {
            return GlibcSemaphoreLayout.value(this.data.get());
        }
        finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The raw {@code data} word (value and waiter count), for diagnostics and tests. */
    long data() {
        try {
            return this.data.get();
        }
        finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean closeFreesMemoryAtOnce() {
        return false;
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }

    /** Closes glibc's handle and this mapping's descriptor now; the mapping goes when this is unreachable. */
    @Override
    public void close() throws NativeError {
        try {
            Sys.check(LibRt.sem_close(this.handle), "sem_close");
        }
        finally {
            this.mapping.releaseWhenUnreachable(this);
        }
    }
}
