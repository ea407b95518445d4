package dev.springipc.core;

/**
 * Open-or-create found an object that already exists but is not ours to trust: another owner,
 * wider group/other permission bits than the configured mode, or the wrong kind of file. It
 * may be a squatter that created it first to read or feed our traffic, so it is not used.
 * The message names the owner, the mode and the fix.
 */
public class IpcUntrustedObjectException extends IpcPermissionDeniedException {

    private static final long serialVersionUID = 1L;

    private final int ownerUid;

    private final int ownerGid;

    private final int mode;

    public IpcUntrustedObjectException(String resource, int ownerUid, int ownerGid, int mode, String message) {
        super(resource, null, 0, message);
        this.ownerUid = ownerUid;
        this.ownerGid = ownerGid;
        this.mode = mode;
    }

    /** The owner uid the object was found with. */
    public int ownerUid() {
        return this.ownerUid;
    }

    /** The owner gid the object was found with. */
    public int ownerGid() {
        return this.ownerGid;
    }

    /** The permission bits the object was found with. */
    public int mode() {
        return this.mode;
    }
}
