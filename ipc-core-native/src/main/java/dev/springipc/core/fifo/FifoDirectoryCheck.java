package dev.springipc.core.fifo;

import java.io.IOException;
import java.nio.file.Path;

import dev.springipc.core.IpcTrust;
import dev.springipc.core.IpcUntrustedObjectException;
import dev.springipc.core.Permissions;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;

/**
 * Refuses a FIFO directory in which another user could swap the FIFO for one of their own: a
 * directory on the way that others may write without the sticky bit (as /tmp has), or a
 * symbolic link on the way that neither root, we nor a trusted user own. A missing directory
 * is left to {@code mkfifo}, whose error names it.
 */
final class FifoDirectoryCheck {

    private static final int OTHER_WRITE = 0002;

    private static final int STICKY = 01000;

    private FifoDirectoryCheck() {
    }

    static void require(String resource, Path fifo, IpcTrust trust, int self) throws NativeError {
        Path directory = fifo.getParent();
        if (directory == null) {
            return;
        }
        // Every symbolic link on the given path, then every directory of the path it resolves to.
        for (Path prefix = directory.getRoot(), rest = directory; prefix != null; prefix = next(prefix, rest)) {
            FileStatus status = statusOrNull(prefix);
            if (status == null) {
                return;
            }
            if (status.type() == FileStatus.S_IFLNK && status.uid() != 0 && !trust.trusts(self, status.uid(), -1)) {
                throw refused(resource, prefix, status, "is a symbolic link owned by uid " + status.uid()
                        + ", who could point it elsewhere");
            }
        }
        Path real;
        try {
            real = directory.toRealPath();
        }
        catch (IOException ex) {
            return;
        }
        for (Path prefix = real.getRoot(); prefix != null; prefix = next(prefix, real)) {
            FileStatus status = statusOrNull(prefix);
            if (status == null) {
                return;
            }
            if ((status.mode() & OTHER_WRITE) != 0 && (status.mode() & STICKY) == 0) {
                throw refused(resource, prefix, status, "is writable by every user and has no sticky bit, so "
                        + "anyone could replace the FIFO");
            }
        }
    }

    /** {@code prefix} extended by the next name of {@code full}, or null at its end. */
    private static Path next(Path prefix, Path full) {
        int depth = prefix.getNameCount();
        return (depth < full.getNameCount()) ? prefix.resolve(full.getName(depth).toString()) : null;
    }

    private static FileStatus statusOrNull(Path path) throws NativeError {
        try {
            return FileStatus.ofPath(path.toString());
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.ENOENT || ex.errno() == Errno.ENOTDIR) {
                return null;
            }
            throw ex;
        }
    }

    private static IpcUntrustedObjectException refused(String resource, Path path, FileStatus status, String why) {
        return new IpcUntrustedObjectException(resource, status.uid(), status.gid(), status.mode(), resource
                + ": refused: " + path + " (owner uid " + status.uid() + " gid " + status.gid() + ", mode "
                + Permissions.formatMode(status.mode()) + ", a " + status.typeName() + ") " + why
                + ". Put FIFOs in a directory only you (or root) can write, e.g. one made with mode 0700 or "
                + "0750, or set the sticky bit on this one (chmod +t " + path + ")");
    }
}
