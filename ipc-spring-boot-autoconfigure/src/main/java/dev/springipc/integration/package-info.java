/**
 * Spring Integration over IPC queues and FIFOs: the inbound channel adapter, the outbound
 * channel adapter and gateway, and the {@link dev.springipc.integration.Ipc} Java DSL factory.
 * Built on {@code dev.springipc.messaging} (destinations, wire codec, conversion).
 */
@NullMarked
package dev.springipc.integration;

import org.jspecify.annotations.NullMarked;
