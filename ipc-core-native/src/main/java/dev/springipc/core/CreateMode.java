package dev.springipc.core;

/**
 * How {@code open()} treats an existing or missing object, in Boost.Interprocess's terms.
 */
public enum CreateMode {

    /** Open the object if it exists, else create it; the default. */
    OPEN_OR_CREATE,

    /** Create the object; fail with {@link IpcAlreadyExistsException} if it exists. */
    CREATE_ONLY,

    /** Open an existing object; fail with {@link IpcNotFoundException} if it is missing. */
    OPEN_ONLY,

    /** Remove any existing object of that name, then create a fresh one. */
    RECREATE
}
