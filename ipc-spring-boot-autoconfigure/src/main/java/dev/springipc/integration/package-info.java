/**
 * Spring Integration support: {@link dev.springipc.integration.IpcLockRegistry}, a lock
 * registry over robust IPC mutexes for leader election and locking across processes.
 */
@NullMarked
package dev.springipc.integration;

import org.jspecify.annotations.NullMarked;
