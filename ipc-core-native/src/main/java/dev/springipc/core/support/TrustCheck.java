package dev.springipc.core.support;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.IpcUntrustedObjectException;
import dev.springipc.core.Permissions;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.Sys;

/**
 * The one squatting check of every kind (see {@link IpcTrust}): run on an object this call did
 * not create, right after opening it and before anything reads its contents.
 */
public final class TrustCheck {

    /** No file type to check (message queues, System V objects). */
    public static final int ANY_TYPE = 0;

    /** No separate creator (every kind but System V). */
    public static final int NO_CREATOR = -1;

    private TrustCheck() {
    }

    /**
     * The object as found.
     * @param status owner, group, mode and type
     * @param creatorUid the System V creator uid, or {@link #NO_CREATOR}
     * @param creatorGid the System V creator gid, or {@link #NO_CREATOR}
     * @param removal the command that removes it, for the message (e.g. {@code rm /dev/shm/x})
     */
    public record Found(FileStatus status, int creatorUid, int creatorGid, String removal) {

        public static Found file(FileStatus status, String removal) {
            return new Found(status, NO_CREATOR, NO_CREATOR, removal);
        }
    }

    /**
     * Throws {@link IpcUntrustedObjectException} unless {@code found} may be used under
     * {@code create}; a created object and a mode that skips the check pass at once.
     * @param configuredMode the mode this application would have created it with
     * @param expectedType the file type it must have ({@link FileStatus#S_IFREG} etc.), or {@link #ANY_TYPE}
     */
    public static void require(String resource, IpcTrust trust, CreateMode create, boolean created,
            int configuredMode, int expectedType, Found found) {
        if (created || !trust.appliesTo(create)) {
            return;
        }
        String refusal = refusal(trust, Sys.effectiveUid(), configuredMode, expectedType, found);
        if (refusal != null) {
            FileStatus status = found.status();
            throw new IpcUntrustedObjectException(resource, status.uid(), status.gid(), status.mode(),
                    message(resource, create, configuredMode, found, refusal));
        }
    }

    /** Why {@code found} is not trusted by a process of effective uid {@code self}, or null if it is. */
    static String refusal(IpcTrust trust, int self, int configuredMode, int expectedType, Found found) {
        FileStatus status = found.status();
        if (expectedType != ANY_TYPE && status.type() != expectedType) {
            return "it is a " + status.typeName() + ", not a " + new FileStatus(0, 0, 0, expectedType, 0, 1, 0).typeName();
        }
        if (!trust.trusts(self, status.uid(), status.gid())) {
            return "its owner uid " + status.uid() + " (group " + status.gid() + ") is neither our effective uid "
                    + self + " nor a trusted user or group";
        }
        if (found.creatorUid() != NO_CREATOR && !trust.trusts(self, found.creatorUid(), found.creatorGid())) {
            return "its creator uid " + found.creatorUid() + " (group " + found.creatorGid() + ") is neither our "
                    + "effective uid " + self + " nor a trusted user or group, and a creator can still change or "
                    + "remove it";
        }
        int wider = status.mode() & 077 & ~configuredMode;
        if (wider != 0) {
            return "its mode " + Permissions.formatMode(status.mode()) + " grants group/other bits "
                    + Permissions.formatMode(wider) + " that the configured mode "
                    + Permissions.formatMode(configuredMode) + " does not";
        }
        return null;
    }

    private static String message(String resource, CreateMode create, int configuredMode, Found found,
            String refusal) {
        FileStatus status = found.status();
        String creator = (found.creatorUid() != NO_CREATOR)
                ? ", creator uid " + found.creatorUid() + " gid " + found.creatorGid() : "";
        return resource + ": refused to use it under create mode " + create.name().toLowerCase().replace('_', '-')
                + ": it already exists (owner uid " + status.uid() + " gid " + status.gid() + creator + ", mode "
                + Permissions.formatMode(status.mode()) + ((status.type() != 0) ? ", a " + status.typeName() : "")
                + ") and " + refusal
                + ". Another user may have created it first to read or feed this application's traffic. "
                + "If nobody you trust made it, remove it (" + found.removal() + ") and find out who did; "
                + "if a trusted peer creates it, trust that owner (IpcTrust.trustUser/trustGroup, or the "
                + "ipc.trust.users / ipc.trust.groups properties) and give it a mode within "
                + Permissions.formatMode(configuredMode) + " (or configure the mode it has)";
    }
}
