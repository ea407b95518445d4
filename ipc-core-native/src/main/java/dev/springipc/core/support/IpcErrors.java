package dev.springipc.core.support;

import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcLimit;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcPermissionDeniedException;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.ResourceLimits;
import dev.springipc.core.sys.Sys;
import org.jspecify.annotations.Nullable;

/**
 * Turns errno into the typed {@link IpcException} whose message names the resource, the call,
 * errno's name and the likely fix.
 */
public final class IpcErrors {

    private static final String FILE_MAX = "/proc/sys/fs/file-max";

    private IpcErrors() {
    }

    /** Translates with the default fix for the errno. */
    public static IpcException translate(String resource, NativeError error) {
        return translate(resource, error, null);
    }

    /** Translates with a fix that the caller knows better than the default, or the default if null. */
    public static IpcException translate(String resource, NativeError error, @Nullable String fix) {
        int errno = error.errno();
        String call = error.call();
        String message = message(resource, call, errno, (fix != null) ? fix : defaultFix(errno, call));
        return switch (errno) {
            case Errno.ENOENT -> new IpcNotFoundException(resource, call, errno, message);
            case Errno.EEXIST -> new IpcAlreadyExistsException(resource, call, errno, message);
            case Errno.EACCES, Errno.EPERM -> new IpcPermissionDeniedException(resource, call, errno, message);
            case Errno.EMFILE, Errno.ENFILE, Errno.ENOSPC, Errno.ENOMEM -> new IpcLimitExceededException(
                    limitOf(errno, call), resource, call, errno, message);
            case Errno.ETIMEDOUT, Errno.EAGAIN -> new IpcTimeoutException(resource, call, errno, message);
            case Errno.EMSGSIZE -> new IpcMessageTooLargeException(resource, call, errno, message);
            case Errno.ENAMETOOLONG -> new IpcInvalidNameException(resource, call, errno, message);
            case Errno.EPIPE -> new IpcPeerGoneException(resource, call, errno, message);
            default -> new IpcException(resource, call, errno, message);
        };
    }

    /**
     * The limit an errno of {@code call} means: ENOSPC is the queue count from {@code mq_open}
     * and {@code msgget}, and {@code /dev/shm}'s space from the calls that create or size an
     * object there; {@code mq_open}'s EMFILE is also how the kernel reports RLIMIT_MSGQUEUE used up
     * (the queue tells the two apart before it gets here, see {@code PosixMessageQueue}).
     */
    static IpcLimit limitOf(int errno, String call) {
        return switch (errno) {
            case Errno.ENOSPC -> switch (call) {
                case "mq_open" -> IpcLimit.MQ_QUEUES_MAX;
                case "msgget" -> IpcLimit.SYSV_MSGMNI;
                case "shm_open", "sem_open", "ftruncate", "posix_fallocate" -> IpcLimit.SHM_SPACE;
                default -> IpcLimit.OTHER;
            };
            case Errno.EMFILE -> "mq_open".equals(call) ? IpcLimit.RLIMIT_MSGQUEUE : IpcLimit.OPEN_FILES;
            case Errno.ENFILE -> IpcLimit.OPEN_FILES;
            default -> IpcLimit.OTHER;
        };
    }

    /** {@code <resource>: <call> failed with <ERRNO> (<description>): <fix>}. */
    public static String message(String resource, String call, int errno, String fix) {
        return resource + ": " + call + " failed with " + Errno.name(errno) + " (" + Errno.describe(errno) + "): " + fix;
    }

    /** The fix for EMFILE from RLIMIT_NOFILE, with the limit as {@code getrlimit} reports it now. */
    public static String openFilesFix() {
        return "this process has used up its open descriptors: RLIMIT_NOFILE (ulimit -n) is "
                + limitText(ResourceLimits.soft(ResourceLimits.RLIMIT_NOFILE)) + " (hard limit "
                + limitText(ResourceLimits.hard(ResourceLimits.RLIMIT_NOFILE)) + "); close unused objects, streams "
                + "and sockets, or raise the limit (ulimit -n, LimitNOFILE= in a systemd unit, --ulimit nofile= "
                + "for a container)";
    }

    /** The fix for ENFILE: the system-wide file limit (not namespaced), read if a file can still be opened. */
    private static String systemFilesFix() {
        long fileMax = SysctlValues.read(FILE_MAX, -1);
        return "the system-wide number of open files reached " + FILE_MAX + "=" + ((fileMax >= 0) ? fileMax
                : "(unreadable now)") + "; close unused objects or raise the sysctl (sysctl -w "
                + SysctlValues.name(FILE_MAX) + "=<n>, as root)";
    }

    private static String limitText(long limit) {
        return (limit >= 0) ? Long.toString(limit) : "unlimited or unknown";
    }

    private static String defaultFix(int errno, String call) {
        return switch (errno) {
            case Errno.ENOENT -> "it does not exist; create it first or open it with create mode open-or-create";
            case Errno.EEXIST -> "it exists already; remove it (unlink) or open it with create mode open-or-create or recreate";
            case Errno.EACCES, Errno.EPERM -> "its owner and mode do not allow this user (uid " + Sys.effectiveUid()
                    + "); run as the owner, or have the creator grant access with a wider mode";
            case Errno.EMFILE -> openFilesFix();
            case Errno.ENFILE -> systemFilesFix();
            case Errno.ENOSPC -> "no space left: /dev/shm may be full, or a kernel object limit was reached; free space "
                    + "or raise the limit";
            case Errno.ENOMEM -> "not enough memory, or the per-user message queue byte limit (ulimit -q, "
                    + "RLIMIT_MSGQUEUE) is used up; lower the sizes or raise the limit";
            case Errno.ENAMETOOLONG -> "the name is too long; use a shorter one";
            case Errno.EPIPE -> "the reading end closed; the next send waits for a new reader";
            case Errno.EIDRM -> "another process removed it (IPC_RMID) while this one used it; open it again";
            case Errno.EINVAL -> "the kernel refused an argument; check the sizes and limits configured for it";
            default -> "see man 3 " + call;
        };
    }
}
