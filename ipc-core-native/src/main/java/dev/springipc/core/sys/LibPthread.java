package dev.springipc.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped pthread mutex functions for process-shared robust mutexes. They return an error
 * number directly (0 on success), not through errno. Since glibc 2.34 they live in libc; older
 * glibc keeps them in libpthread, which is tried next.
 */
public final class LibPthread {

    /** {@code PTHREAD_PROCESS_SHARED}. */
    public static final int PROCESS_SHARED = 1;

    /** {@code PTHREAD_MUTEX_ROBUST}. */
    public static final int MUTEX_ROBUST = 1;

    /** Bytes reserved for a {@code pthread_mutex_t}: 40 on x86-64 and 48 on AArch64 glibc. */
    public static final int MUTEX_SIZE = 64;

    /** Bytes reserved for a {@code pthread_mutexattr_t}: 4 on x86-64, 8 on AArch64. */
    public static final int MUTEXATTR_SIZE = 16;

    static {
        try {
            Native.register(LibPthread.class, NativeLibrary.getInstance("c"));
        }
        catch (UnsatisfiedLinkError inLibc) {
            Native.register(LibPthread.class, NativeLibrary.getInstance("pthread"));
        }
    }

    private LibPthread() {
    }

    public static native int pthread_mutexattr_init(Pointer attributes);

    public static native int pthread_mutexattr_setpshared(Pointer attributes, int shared);

    public static native int pthread_mutexattr_setrobust(Pointer attributes, int robust);

    public static native int pthread_mutexattr_destroy(Pointer attributes);

    public static native int pthread_mutex_init(Pointer mutex, Pointer attributes);

    public static native int pthread_mutex_trylock(Pointer mutex);

    public static native int pthread_mutex_timedlock(Pointer mutex, Pointer absoluteTimeout);

    public static native int pthread_mutex_unlock(Pointer mutex);

    public static native int pthread_mutex_consistent(Pointer mutex);
}
