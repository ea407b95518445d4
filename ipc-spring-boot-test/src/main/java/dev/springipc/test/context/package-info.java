/**
 * {@link dev.springipc.test.context.UniqueIpcNamespace}: a unique {@code ipc.namespace} per test
 * context, {@code ipc.cleanup=always}, and a check, when the context closes, that no object of
 * that namespace is left on the host.
 */
@NullMarked
package dev.springipc.test.context;

import org.jspecify.annotations.NullMarked;
