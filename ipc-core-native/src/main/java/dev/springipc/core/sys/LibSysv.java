package dev.springipc.core.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped System V IPC calls: semaphore sets and message queues. Return values are the raw
 * C ones: read errno with {@link Native#getLastError()} only when the return value signals
 * failure.
 * <p>
 * {@code semctl} is variadic; its fourth argument, {@code union semun}, is eight bytes that
 * x86-64 and AArch64 both pass in one integer register. It is declared twice, once with the
 * {@code val} member (an int, for {@code SETVAL}) and once with the {@code buf} member (a
 * pointer, for {@code IPC_STAT}/{@code IPC_SET}). The flag values below are those of
 * {@code <bits/ipc.h>}, {@code <bits/sem.h>} and {@code <bits/msq.h>}, the same on both
 * architectures.
 */
public final class LibSysv {

    /** Create the object if the key is unused. */
    public static final int IPC_CREAT = 01000;
    /** With {@link #IPC_CREAT}: fail with EEXIST if the key is in use. */
    public static final int IPC_EXCL = 02000;
    /** Fail with EAGAIN (semop, msgsnd) or ENOMSG (msgrcv) instead of waiting. */
    public static final int IPC_NOWAIT = 04000;
    public static final int IPC_RMID = 0;
    public static final int IPC_SET = 1;
    public static final int IPC_STAT = 2;
    public static final int GETVAL = 12;
    public static final int GETNCNT = 14;
    public static final int SETVAL = 16;
    /** The kernel reverts this process's net semop effect when it exits, however it exits. */
    public static final int SEM_UNDO = 0x1000;
    /** msgrcv truncates an over-long message instead of failing with E2BIG. */
    public static final int MSG_NOERROR = 010000;
    /** The largest value of a System V semaphore (SEMVMX). */
    public static final int SEMVMX = 32767;

    static {
        Native.register(LibSysv.class, NativeLibrary.getInstance("c"));
    }

    private LibSysv() {
    }

    public static native int semget(int key, int nsems, int flags);

    public static native int semop(int semid, Pointer sops, long nsops);

    /** The timeout is relative (not a deadline, unlike sem_timedwait); EAGAIN when it expires. */
    public static native int semtimedop(int semid, Pointer sops, long nsops, Pointer timeout);

    /** {@code semctl} with {@code union semun.val}: GETVAL, GETNCNT, SETVAL, IPC_RMID. */
    public static native int semctl(int semid, int semnum, int cmd, int value);

    /** {@code semctl} with {@code union semun.buf}: IPC_STAT, IPC_SET. */
    public static native int semctl(int semid, int semnum, int cmd, Pointer buffer);

    public static native int msgget(int key, int flags);

    /** {@code message} points at {@code struct msgbuf}: a long type, then {@code length} payload bytes. */
    public static native int msgsnd(int msqid, Pointer message, long length, int flags);

    public static native long msgrcv(int msqid, Pointer message, long maxLength, long type, int flags);

    public static native int msgctl(int msqid, int cmd, Pointer buffer);
}
