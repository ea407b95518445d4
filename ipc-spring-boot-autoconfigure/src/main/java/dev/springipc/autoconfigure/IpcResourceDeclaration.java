package dev.springipc.autoconfigure;

import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.Permissions;

/**
 * One resource declared under {@code ipc.*}, resolved: its bean name, where it was declared,
 * the OS name, and how it is created and cleaned up.
 *
 * @param key the map key, which is also the bean name
 * @param kind the kind of resource
 * @param properties the bound entry
 * @param osName the OS name as declared (a POSIX name, or a FIFO's path)
 * @param mode the permission bits
 * @param create what to do when the object exists or is missing
 * @param cleanup the effective cleanup policy
 * @param fifoDirectory the directory of relative FIFO paths
 * @param trust whom an existing object must belong to ({@code ipc.trust.*})
 */
public record IpcResourceDeclaration(String key, IpcResourceKind<?> kind, IpcProperties.Resource properties,
        String osName, int mode, CreateMode create, CleanupPolicy cleanup, Path fifoDirectory, IpcTrust trust) {

    /** Where the entry was declared, e.g. {@code ipc.queues.orders}. */
    public String propertyPath() {
        return this.kind.propertyPath(this.key);
    }

    /** A short description for messages, e.g. {@code POSIX message queue /demo.orders}. */
    public String description() {
        return this.kind.label() + " " + absoluteName();
    }

    /** The OS name, with a relative FIFO path resolved against the FIFO directory. */
    public String absoluteName() {
        return this.kind.pathNamed() ? this.fifoDirectory.resolve(this.osName).toAbsolutePath().normalize().toString()
                : this.osName;
    }

    /** The mode as an octal string, e.g. {@code 0600}. */
    public String modeString() {
        return Permissions.formatMode(this.mode);
    }

    /** The identity of the OS object in owner records: kind and OS name. */
    String objectId() {
        return this.kind.property() + ":" + absoluteName();
    }
}
