package dev.springipc.autoconfigure;

/**
 * An {@code ipc.*} property that cannot be honoured: a malformed value, a setting that does not
 * apply to its entry (a System V key on a POSIX object), or one that needs what is missing (a
 * channel without Spring Integration). Never ignored: the application fails to start.
 */
public class InvalidIpcPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String value;

    private final String reason;

    private final String action;

    public InvalidIpcPropertyException(String property, Object value, String reason, String action) {
        super(property + "=" + value + " " + reason);
        this.property = property;
        this.value = String.valueOf(value);
        this.reason = reason;
        this.action = action;
    }

    /** The full property path, e.g. {@code ipc.queues.orders.type}. */
    public String property() {
        return this.property;
    }

    /** The configured value. */
    public String value() {
        return this.value;
    }

    /** Why it cannot be honoured. */
    public String reason() {
        return this.reason;
    }

    /** What the user can do about it. */
    public String action() {
        return this.action;
    }
}
