package dev.springipc.core;

import java.util.Objects;

/**
 * What every builder shares: the permission bits ({@code mode}) and the create mode, with the
 * same defaults and checks for every kind. Only the core's own builders extend it.
 *
 * @param <B> the builder type, returned by the setters for chaining
 */
public abstract class IpcBuilderSupport<B extends IpcBuilderSupport<B>> {

    /** Permission bits; read by the subclass's {@code open()}. */
    int mode = Permissions.DEFAULT_MODE;

    /** Create mode; read by the subclass's {@code open()}. */
    CreateMode create = CreateMode.OPEN_OR_CREATE;

    /** Whom an existing object must belong to; read by the subclass's {@code open()}. */
    IpcTrust trust = IpcTrust.OWNER_ONLY;

    IpcBuilderSupport() {
    }

    /** Permission bits applied exactly, whatever the umask; default {@code 0600}. */
    public B mode(int mode) {
        this.mode = checkMode(mode);
        return self();
    }

    /** What to do when the object exists or is missing; default open-or-create. */
    public B create(CreateMode create) {
        this.create = Objects.requireNonNull(create, "create");
        return self();
    }

    /**
     * Whom an object that already exists must belong to before open-or-create uses it (see
     * {@link IpcTrust}); default {@link IpcTrust#OWNER_ONLY}.
     */
    public B trust(IpcTrust trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
        return self();
    }

    /** The mode check of the kind; System V objects allow permission bits only. */
    int checkMode(int mode) {
        return Permissions.checkMode(mode);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
