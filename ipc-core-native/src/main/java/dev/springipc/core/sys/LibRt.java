package dev.springipc.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped POSIX realtime functions: named semaphores, shared memory and message queues.
 * Since glibc 2.34 they live in libc itself; older glibc keeps them in librt, which is tried next.
 */
public final class LibRt {

    static {
        register();
    }

    private LibRt() {
    }

    private static void register() {
        try {
            Native.register(LibRt.class, NativeLibrary.getInstance("c"));
        }
        catch (UnsatisfiedLinkError inLibc) {
            Native.register(LibRt.class, NativeLibrary.getInstance("rt"));
        }
    }

    /** {@code SEM_FAILED} is the null pointer in glibc. */
    public static native Pointer sem_open(String name, int flags, int mode, int value);

    public static native int sem_close(Pointer semaphore);

    public static native int sem_unlink(String name);

    public static native int sem_trywait(Pointer semaphore);

    public static native int sem_timedwait(Pointer semaphore, Pointer absoluteTimeout);

    public static native int sem_post(Pointer semaphore);

    public static native int sem_getvalue(Pointer semaphore, Pointer value);

    public static native int shm_open(String name, int flags, int mode);

    public static native int shm_unlink(String name);

    public static native int mq_open(String name, int flags, int mode, Pointer attributes);

    public static native int mq_close(int mqd);

    public static native int mq_unlink(String name);

    public static native int mq_timedsend(int mqd, Pointer message, long length, int priority, Pointer absoluteTimeout);

    public static native long mq_timedreceive(int mqd, Pointer buffer, long length, Pointer priority,
            Pointer absoluteTimeout);

    public static native int mq_getattr(int mqd, Pointer attributes);
}
