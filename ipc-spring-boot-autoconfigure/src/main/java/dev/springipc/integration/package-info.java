/**
 * Spring Integration over IPC: the inbound channel adapter, the outbound channel adapter and
 * gateway, the {@link dev.springipc.integration.Ipc} Java DSL factory (built on
 * {@code dev.springipc.messaging}), and {@link dev.springipc.integration.IpcLockRegistry}, a lock
 * registry over robust IPC mutexes for leader election and locking across processes.
 */
@NullMarked
package dev.springipc.integration;

import org.jspecify.annotations.NullMarked;
