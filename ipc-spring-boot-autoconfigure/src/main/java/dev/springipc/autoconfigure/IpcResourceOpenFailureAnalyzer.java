package dev.springipc.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcLimitExceededException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.IpcPermissionDeniedException;
import dev.springipc.core.IpcUnsupportedPlatformException;
import dev.springipc.core.IpcUntrustedObjectException;
import dev.springipc.core.Permissions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a declared resource that could not be opened: which bean and property, which OS
 * object, what the kernel said, and the remedy for the kind of failure (permissions, exists,
 * missing, limits, names), and where the entry was declared (file and line).
 */
class IpcResourceOpenFailureAnalyzer extends AbstractFailureAnalyzer<IpcResourceOpenException> {

    private final @Nullable Environment environment;

    /** Spring Boot passes the application's environment (the only public constructor). */
    public IpcResourceOpenFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    /** Without an environment: the report names no origin. */
    IpcResourceOpenFailureAnalyzer() {
        this(null);
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IpcResourceOpenException failure) {
        IpcResourceDeclaration declaration = failure.declaration();
        IpcException cause = failure.getCause();
        String path = declaration.propertyPath();
        String description = "The IPC resource '" + declaration.key() + "' (" + path + ", "
                + declaration.description() + ") could not be opened: " + problem(declaration, cause) + "\n\n"
                + cause.getMessage() + PropertyOrigins.describe(this.environment, culprit(declaration, cause));
        return new FailureAnalysis(description, action(declaration, cause), failure);
    }

    private static String problem(IpcResourceDeclaration declaration, IpcException cause) {
        if (cause instanceof IpcUntrustedObjectException untrusted) {
            return "it exists already but belongs to uid " + untrusted.ownerUid() + " (gid " + untrusted.ownerGid()
                    + ") with mode " + Permissions.formatMode(untrusted.mode()) + ", which this application (uid "
                    + uid() + ", mode " + declaration.modeString() + ") does not trust.";
        }
        if (cause instanceof IpcPermissionDeniedException) {
            return "permission denied to user " + System.getProperty("user.name") + " (uid " + uid() + ")"
                    + existing(declaration) + "; the configured mode is " + declaration.modeString() + ".";
        }
        if (cause instanceof IpcAlreadyExistsException) {
            return "it exists already and " + declaration.propertyPath() + ".create is create-only.";
        }
        if (cause instanceof IpcNotFoundException && declaration.create() == dev.springipc.core.CreateMode.OPEN_ONLY) {
            return "it does not exist and " + declaration.propertyPath() + ".create is open-only.";
        }
        if (cause instanceof IpcLimitExceededException || isLimit(cause)) {
            return "a kernel or user limit was reached.";
        }
        if (cause instanceof IpcInvalidNameException) {
            return "its name or path is invalid.";
        }
        if (cause instanceof IpcUnsupportedPlatformException) {
            return "this platform does not support it.";
        }
        return "the call failed.";
    }

    private static String action(IpcResourceDeclaration declaration, IpcException cause) {
        String path = declaration.propertyPath();
        if (cause instanceof IpcUntrustedObjectException untrusted) {
            return "If you do not know who created it, it may be a squatter: remove it (" + removal(declaration)
                    + ") and find out who did. If a trusted peer creates it, add its owner to ipc.trust.users: ["
                    + untrusted.ownerUid() + "] or its group to ipc.trust.groups: [" + untrusted.ownerGid()
                    + "], and make " + path + ".mode cover the object's mode.";
        }
        if (cause instanceof IpcPermissionDeniedException) {
            return "Run the application as the object's owner, have its creator grant access with a wider mode "
                    + "(e.g. " + path + ".mode: \"0660\" and a shared group), or remove the object if it is stale ("
                    + removal(declaration) + ").";
        }
        if (cause instanceof IpcAlreadyExistsException) {
            return "Remove the existing object (" + removal(declaration) + "), or set " + path
                    + ".create to open-or-create (use it) or recreate (replace it).";
        }
        if (cause instanceof IpcNotFoundException && declaration.create() == dev.springipc.core.CreateMode.OPEN_ONLY) {
            return "Start the process that creates " + declaration.absoluteName() + " first, or set " + path
                    + ".create to open-or-create.";
        }
        if (cause instanceof IpcLimitExceededException || isLimit(cause)) {
            return limitAction(declaration);
        }
        if (cause instanceof IpcInvalidNameException) {
            return declaration.kind().pathNamed()
                    ? "Set " + path + ".path to a FIFO path inside ipc.fifo-directory (no '..'), where no other kind "
                            + "of file exists."
                    : "Set " + path + ".name to a name with one leading '/', no other '/', at most 255 characters, "
                            + "e.g. /demo." + declaration.key() + ".";
        }
        return "Check the settings of " + path + " against the message above.";
    }

    /** The property that decided the failure, whose origin the report shows. */
    private static String culprit(IpcResourceDeclaration declaration, IpcException cause) {
        String path = declaration.propertyPath();
        if (cause instanceof IpcAlreadyExistsException || cause instanceof IpcNotFoundException) {
            return path + ".create";
        }
        if (cause instanceof IpcPermissionDeniedException) {
            return path + ".mode";
        }
        if (cause instanceof IpcLimitExceededException || isLimit(cause)) {
            return switch (declaration.kind().property()) {
                case "queues" -> path + ".max-messages";
                case "segments" -> path + ".size";
                default -> path;
            };
        }
        if (cause instanceof IpcInvalidNameException) {
            return path + (declaration.kind().pathNamed() ? ".path" : ".name");
        }
        return path;
    }

    private static boolean isLimit(IpcException cause) {
        return cause.errno() == 22 && cause.getMessage() != null && cause.getMessage().contains("/proc/sys/");
    }

    private static String limitAction(IpcResourceDeclaration declaration) {
        String path = declaration.propertyPath();
        return switch (declaration.kind().property()) {
            case "queues" -> "Lower " + path + ".max-messages or " + path + ".max-message-size, or raise the limits: "
                    + "sysctl -w fs.mqueue.msg_max=<n> (max-messages), fs.mqueue.msgsize_max=<bytes> "
                    + "(max-message-size), fs.mqueue.queues_max=<n> (number of queues), and ulimit -q "
                    + "(RLIMIT_MSGQUEUE, bytes of all queues of this user).";
            case "segments" -> "Lower " + path + ".size or free /dev/shm (df -h /dev/shm); in a container raise its "
                    + "size (docker run --shm-size=<size>).";
            default -> "Free or raise the limit named above: open files (ulimit -n), or space in /dev/shm "
                    + "(df -h /dev/shm; docker run --shm-size=<size>).";
        };
    }

    private static String removal(IpcResourceDeclaration declaration) {
        String name = declaration.absoluteName();
        return switch (declaration.kind().property()) {
            case "semaphores" -> "rm /dev/shm/sem." + name.substring(1);
            case "segments" -> "rm /dev/shm/" + name.substring(1);
            case "queues" -> "rm /dev/mqueue/" + name.substring(1) + " where /dev/mqueue is mounted";
            default -> "rm " + name;
        };
    }

    private static String existing(IpcResourceDeclaration declaration) {
        String name = declaration.absoluteName();
        Path file = switch (declaration.kind().property()) {
            case "semaphores" -> Path.of("/dev/shm", "sem." + name.substring(1));
            case "segments" -> Path.of("/dev/shm", name.substring(1));
            case "queues" -> Path.of("/dev/mqueue", name.substring(1));
            default -> Path.of(name);
        };
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:uid,gid,mode");
            return "; the existing object belongs to uid " + attributes.get("uid") + ", gid " + attributes.get("gid")
                    + " with mode " + Permissions.formatMode(((Integer) attributes.get("mode")) & 07777);
        }
        catch (Exception ex) {
            return "";
        }
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        }
        catch (Exception ex) {
            return "unknown";
        }
    }
}
