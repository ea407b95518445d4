package dev.springipc.autoconfigure;

import dev.springipc.core.IpcException;

/**
 * A declared resource could not be opened. Names the bean, the property path and the OS object;
 * the cause is the core's typed {@link IpcException}.
 */
public class IpcResourceOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IpcResourceDeclaration declaration;

    public IpcResourceOpenException(IpcResourceDeclaration declaration, IpcException cause) {
        super("Could not open " + declaration.description() + " declared as " + declaration.propertyPath() + ": "
                + cause.getMessage(), cause);
        this.declaration = declaration;
    }

    /** The declaration that failed. */
    public IpcResourceDeclaration declaration() {
        return this.declaration;
    }

    @Override
    public synchronized IpcException getCause() {
        return (IpcException) super.getCause();
    }
}
