package dev.springipc.core.sys;

/**
 * Offsets of the System V structures read and written here, for glibc on LP64 Linux.
 * <pre>
 * struct ipc_perm (48 bytes)        struct semid_ds                 struct msqid_ds (120 bytes)
 *  0 key   4 uid   8 gid            0  sem_perm                      0  msg_perm
 * 12 cuid 16 cgid 20 mode (4 B)    48  sem_otime                    48 stime 56 rtime 64 ctime
 * 24 seq ... 32,40 reserved        x86-64:  56 pad, 64 ctime,       72 msg_cbytes
 *                                           72 pad, 80 nsems (104 B) 80 msg_qnum
 * struct sembuf (6 bytes)          aarch64: 56 ctime, 64 nsems (88 B) 88 msg_qbytes
 *  0 sem_num  2 sem_op  4 sem_flg                                    96 lspid 100 lrpid
 * </pre>
 * Sources: the kernel's {@code arch/x86/include/uapi/asm/sembuf.h} keeps a padding word after
 * each time on x86-64, {@code include/uapi/asm-generic/sembuf.h} (aarch64) does not; both
 * {@code msgbuf.h} variants and {@code ipcbuf.h} agree on LP64. Only the fields at the same
 * offset on both architectures are used ({@code sem_otime}, {@code ipc_perm}, {@code msqid_ds}),
 * so no per-architecture branch is needed; {@link #SEMID_DS_SIZE} is the larger (x86-64) size.
 * Verified with {@code offsetof} against glibc 2.36 headers on x86-64.
 */
public final class SysvLayout {

    public static final int PERM_UID = 4;
    public static final int PERM_GID = 8;
    public static final int PERM_CUID = 12;
    public static final int PERM_CGID = 16;
    /** glibc declares mode_t (4 bytes); only the low 9 permission bits matter. */
    public static final int PERM_MODE = 20;

    public static final int SEMID_DS_OTIME = 48;
    public static final int SEMID_DS_SIZE = 104;

    public static final int MSQID_DS_CBYTES = 72;
    public static final int MSQID_DS_QNUM = 80;
    public static final int MSQID_DS_QBYTES = 88;
    public static final int MSQID_DS_SIZE = 120;

    public static final int SEMBUF_SIZE = 6;
    public static final int SEMBUF_NUM = 0;
    public static final int SEMBUF_OP = 2;
    public static final int SEMBUF_FLG = 4;

    /** struct msgbuf starts with {@code long mtype}; the payload follows it. */
    public static final int MSGBUF_TEXT = 8;

    private SysvLayout() {
    }
}
