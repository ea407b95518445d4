package dev.springipc.core.sys;

import com.sun.jna.Memory;

/**
 * What {@code statx} says about a file or descriptor: owner, group, permission bits, type and
 * size. {@code struct statx} has the same layout on every Linux architecture, unlike
 * {@code struct stat}, which is why it is used here.
 *
 * @param uid owner user id
 * @param gid owner group id
 * @param mode permission bits (the low 12 bits of st_mode)
 * @param type file type bits ({@code S_IFMT} part of st_mode)
 * @param size size in bytes
 * @param links number of names the object has (0 once it was unlinked)
 * @param inode inode number, which tells one object from another that took its name
 */
public record FileStatus(int uid, int gid, int mode, int type, long size, int links, long inode) {

    public static final int S_IFMT = 0170000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE_BYTES = 256;
    private static final int OFFSET_NLINK = 16;
    private static final int OFFSET_UID = 20;
    private static final int OFFSET_GID = 24;
    private static final int OFFSET_MODE = 28;
    private static final int OFFSET_INODE = 32;
    private static final int OFFSET_SIZE = 40;

    /** Status of the path itself: a symbolic link is reported as a link, not followed. */
    public static FileStatus ofPath(String path) throws NativeError {
        return statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
    }

    /** Status of an open descriptor. */
    public static FileStatus ofDescriptor(int fd) throws NativeError {
        return statx(fd, "", AT_EMPTY_PATH);
    }

    private static FileStatus statx(int dirfd, String path, int flags) throws NativeError {
        try (Memory buffer = new Memory(STATX_SIZE_BYTES)) {
            Sys.check(LibC.statx(dirfd, path, flags, STATX_BASIC_STATS, buffer), "statx");
            int rawMode = buffer.getShort(OFFSET_MODE) & 0xffff;
            return new FileStatus(buffer.getInt(OFFSET_UID), buffer.getInt(OFFSET_GID), rawMode & 07777,
                    rawMode & S_IFMT, buffer.getLong(OFFSET_SIZE), buffer.getInt(OFFSET_NLINK), buffer.getLong(OFFSET_INODE));
        }
    }

    public boolean isFifo() {
        return this.type == S_IFIFO;
    }

    /** A short word for the file type, for error messages. */
    public String typeName() {
        return switch (this.type) {
            case S_IFIFO -> "FIFO";
            case S_IFREG -> "regular file";
            case S_IFDIR -> "directory";
            case S_IFLNK -> "symbolic link";
            default -> "special file";
        };
    }
}
