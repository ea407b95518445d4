/**
 * Actuator support: the {@code ipc} health contributor and the {@code ipc} endpoint. They only
 * observe: they read the resources through the core's public types, the listener registry, and
 * the traffic counted through {@link dev.springipc.messaging.IpcTrafficObserver}.
 */
@NullMarked
package dev.springipc.actuate;

import org.jspecify.annotations.NullMarked;
