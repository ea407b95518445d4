package dev.springipc.core.support;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcNotFoundException;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.NativeError;

/**
 * The one create-mode procedure for every kind. Creation is always exclusive
 * ({@code O_CREAT|O_EXCL} or {@code IPC_CREAT|IPC_EXCL}), so the caller knows for certain
 * whether it created the object and therefore owns it.
 */
public final class Opener {

    /** Races between a creator and a remover are retried this often before giving up. */
    private static final int MAX_RACE_RETRIES = 20;

    private Opener() {
    }

    /** One native attempt that yields a handle or fails with errno. */
    @FunctionalInterface
    public interface Attempt<H> {

        H run() throws NativeError;
    }

    /** A removal of the name; an absent name is not an error. */
    @FunctionalInterface
    public interface Removal {

        void run() throws NativeError;
    }

    /**
     * The handle and whether this call created the object.
     * @param <H> the handle type
     * @param handle the native handle
     * @param created whether the object was created by this call
     */
    public record Opened<H>(H handle, boolean created) {
    }

    /**
     * Opens or creates per {@code mode}. Translates the two errors that {@code mode} explains
     * (EEXIST for create-only, ENOENT for open-only); other native errors go to the caller,
     * which knows the kind-specific fix.
     */
    public static <H> Opened<H> open(String resource, CreateMode mode, Attempt<H> createExclusive,
            Attempt<H> openExisting, Removal removal) throws NativeError {
        switch (mode) {
            case CREATE_ONLY:
                return new Opened<>(createOnly(resource, createExclusive), true);
            case OPEN_ONLY:
                return new Opened<>(openOnly(resource, openExisting), false);
            case RECREATE:
                removeIfPresent(removal);
                return new Opened<>(createOnly(resource, createExclusive), true);
            case OPEN_OR_CREATE:
            default:
                return openOrCreate(resource, createExclusive, openExisting);
        }
    }

    /** Runs {@code removal}, treating ENOENT as success. */
    public static void removeIfPresent(Removal removal) throws NativeError {
        try {
            removal.run();
        }
        catch (NativeError ex) {
            if (ex.errno() != Errno.ENOENT) {
                throw ex;
            }
        }
    }

    private static <H> Opened<H> openOrCreate(String resource, Attempt<H> createExclusive, Attempt<H> openExisting)
            throws NativeError {
        for (int attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
            try {
                return new Opened<>(createExclusive.run(), true);
            }
            catch (NativeError ex) {
                if (ex.errno() != Errno.EEXIST) {
                    throw ex;
                }
            }
            try {
                return new Opened<>(openExisting.run(), false);
            }
            catch (NativeError ex) {
                // Removed between our create and open attempts: try again.
                if (ex.errno() != Errno.ENOENT) {
                    throw ex;
                }
            }
        }
        throw new IpcException(resource, null, 0, resource + ": could not open or create it: another process kept "
                + "creating and removing it " + MAX_RACE_RETRIES + " times in a row");
    }

    private static <H> H createOnly(String resource, Attempt<H> createExclusive) throws NativeError {
        try {
            return createExclusive.run();
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.EEXIST) {
                throw new IpcAlreadyExistsException(resource, ex.call(), ex.errno(), IpcErrors.message(resource,
                        ex.call(), ex.errno(), "it exists already and the create mode is create-only; remove it, or use "
                                + "open-or-create to share it or recreate to replace it"));
            }
            throw ex;
        }
    }

    private static <H> H openOnly(String resource, Attempt<H> openExisting) throws NativeError {
        try {
            return openExisting.run();
        }
        catch (NativeError ex) {
            if (ex.errno() == Errno.ENOENT) {
                throw new IpcNotFoundException(resource, ex.call(), ex.errno(), IpcErrors.message(resource, ex.call(),
                        ex.errno(), "it does not exist and the create mode is open-only; start the process that "
                                + "creates it first, or use open-or-create"));
            }
            throw ex;
        }
    }
}
