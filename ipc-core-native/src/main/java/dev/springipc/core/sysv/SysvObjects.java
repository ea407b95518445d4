package dev.springipc.core.sysv;

import java.nio.ByteBuffer;

import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.Permissions;
import dev.springipc.core.SysvKey;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.SysvLayout;
import org.jspecify.annotations.Nullable;

/**
 * What System V semaphores and queues share: naming by key, the key check, reading and writing
 * {@code struct ipc_perm}, and the removal errno convention.
 */
final class SysvObjects {

    private SysvObjects() {
    }

    /** The name a System V object goes by here: {@code key 0x0000abcd}, as {@code ipcs} prints it. */
    static String name(int key) {
        return "key " + SysvKey.format(key);
    }

    /** Refuses key 0, IPC_PRIVATE, which makes a new unshareable object on every call. */
    static void checkKey(String resource, int key) {
        if (key == 0) {
            throw new IpcInvalidNameException(resource, null, 0, resource + ": key 0 is IPC_PRIVATE, which no other "
                    + "process can open; give a non-zero key, or derive one from a name with SysvKey.of(name)");
        }
    }

    /**
     * Owner, group and mode from the {@code struct ipc_perm} at the start of {@code ds}, as a
     * {@link FileStatus} (System V objects are not files: type and size are 0).
     */
    static FileStatus status(ByteBuffer ds) {
        return new FileStatus(ds.getInt(SysvLayout.PERM_UID), ds.getInt(SysvLayout.PERM_GID),
                ds.getInt(SysvLayout.PERM_MODE) & 0777, 0, 0, 1, 0);
    }

    /** What the squatting check needs from the {@code struct ipc_perm} at the start of {@code ds}: owner, creator, mode. */
    static TrustCheck.Found found(ByteBuffer ds, String removal) {
        return new TrustCheck.Found(status(ds), ds.getInt(SysvLayout.PERM_CUID), ds.getInt(SysvLayout.PERM_CGID),
                removal);
    }

    /** Overwrites owner, group and mode in the {@code struct ipc_perm} at the start of {@code ds}, for IPC_SET. */
    static void writePermissions(ByteBuffer ds, int uid, int gid, int mode) {
        ds.putInt(SysvLayout.PERM_UID, uid);
        ds.putInt(SysvLayout.PERM_GID, gid);
        ds.putInt(SysvLayout.PERM_MODE, mode);
    }

    /**
     * What {@code check()} reports when IPC_STAT of {@code id} failed with {@code error}: a removed id
     * (EINVAL, EIDRM) vanished, or was replaced if the key names another id now
     * ({@code idByKey}, the raw result of {@code msgget/semget(key, 0)}); null for other errors.
     */
    static @Nullable IpcResourceStatus removed(String description, int id, NativeError error, int idByKey) {
        if (error.errno() != Errno.EINVAL && error.errno() != Errno.EIDRM) {
            return null;
        }
        if (idByKey < 0) {
            return new IpcResourceStatus(IpcResourceStatus.State.VANISHED, "vanished: " + description + " (id " + id
                    + ") was removed (ipcrm or IPC_RMID)");
        }
        return new IpcResourceStatus(IpcResourceStatus.State.REPLACED, "replaced: " + description
                + " names id " + idByKey + " now, this handle opened id " + id);
    }

    /** What {@code check()} reports for an id that is there, given whether its permissions let this process in. */
    static IpcResourceStatus present(String description, int id, FileStatus status, boolean accessible) {
        if (!accessible) {
            return new IpcResourceStatus(IpcResourceStatus.State.INACCESSIBLE, "inaccessible: " + description
                    + " (mode " + Permissions.formatMode(status.mode()) + ", uid " + status.uid() + ", gid "
                    + status.gid() + ") is no longer readable and writable by this process");
        }
        return IpcResourceStatus.present("present: " + description + " (id " + id + ")");
    }

    /**
     * An id that was removed fails with EINVAL or EIDRM, not ENOENT; reports it as ENOENT so
     * that {@code unlink()} stays idempotent through {@code Opener.removeIfPresent}.
     */
    static NativeError removedAsMissing(NativeError error) {
        if (error.errno() == Errno.EINVAL || error.errno() == Errno.EIDRM) {
            return new NativeError(error.call(), Errno.ENOENT);
        }
        return error;
    }

    /**
     * Translates a failure of a call on the id: EIDRM (removed while waiting) and EINVAL (the id
     * no longer exists, because the object was removed before the call) both mean removal.
     */
    static IpcException translate(String resource, NativeError error) {
        if (error.errno() == Errno.EIDRM || error.errno() == Errno.EINVAL) {
            return IpcErrors.translate(resource, error, "it was removed (IPC_RMID, ipcrm or unlink()) by this or "
                    + "another process; open it again to use a new one");
        }
        return IpcErrors.translate(resource, error);
    }
}
