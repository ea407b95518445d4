package dev.springipc.core.sys;

import java.util.Map;

/**
 * Linux errno numbers and names. The values are those of the generic Linux ABI, shared by
 * x86-64 and AArch64.
 */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int EPIPE = 32;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int ENOMSG = 42;
    public static final int EIDRM = 43;
    public static final int EOVERFLOW = 75;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;
    public static final int ETIMEDOUT = 110;
    public static final int EOWNERDEAD = 130;
    public static final int ENOTRECOVERABLE = 131;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
            Map.entry(EINTR, "EINTR"),
            Map.entry(EIO, "EIO"), Map.entry(ENXIO, "ENXIO"), Map.entry(E2BIG, "E2BIG"),
            Map.entry(EBADF, "EBADF"), Map.entry(EAGAIN, "EAGAIN"), Map.entry(ENOMEM, "ENOMEM"),
            Map.entry(EACCES, "EACCES"), Map.entry(EBUSY, "EBUSY"), Map.entry(EEXIST, "EEXIST"),
            Map.entry(ENOTDIR, "ENOTDIR"), Map.entry(EISDIR, "EISDIR"), Map.entry(EINVAL, "EINVAL"),
            Map.entry(ENFILE, "ENFILE"), Map.entry(EMFILE, "EMFILE"), Map.entry(EFBIG, "EFBIG"),
            Map.entry(ENOSPC, "ENOSPC"), Map.entry(EROFS, "EROFS"), Map.entry(EPIPE, "EPIPE"),
            Map.entry(ERANGE, "ERANGE"), Map.entry(EDEADLK, "EDEADLK"), Map.entry(ENAMETOOLONG, "ENAMETOOLONG"),
            Map.entry(ENOSYS, "ENOSYS"), Map.entry(ELOOP, "ELOOP"), Map.entry(ENOMSG, "ENOMSG"),
            Map.entry(EIDRM, "EIDRM"), Map.entry(EOVERFLOW, "EOVERFLOW"), Map.entry(EMSGSIZE, "EMSGSIZE"),
            Map.entry(EOPNOTSUPP, "EOPNOTSUPP"), Map.entry(ETIMEDOUT, "ETIMEDOUT"),
            Map.entry(EOWNERDEAD, "EOWNERDEAD"), Map.entry(ENOTRECOVERABLE, "ENOTRECOVERABLE"));

    private Errno() {
    }

    /** The symbolic name, e.g. {@code EACCES}, or {@code errno 123} for one not in the table. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return (name != null) ? name : "errno " + errno;
    }

    /** The C library's description, e.g. "Permission denied". */
    public static String describe(int errno) {
        return LibC.strerror(errno);
    }
}
