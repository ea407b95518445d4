/**
 * Listener infrastructure: {@link dev.springipc.listener.IpcListener} methods, their endpoints, containers and registry.
 */
@NullMarked
package dev.springipc.listener;

import org.jspecify.annotations.NullMarked;
