/**
 * Sending and receiving Spring messages over IPC resources: {@link dev.springipc.messaging.IpcTemplate}, wire formats, message conversion and header mapping.
 */
@NullMarked
package dev.springipc.messaging;

import org.jspecify.annotations.NullMarked;
