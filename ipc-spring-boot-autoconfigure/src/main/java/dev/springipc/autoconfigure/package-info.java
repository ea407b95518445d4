/**
 * Auto-configuration of IPC resources declared under {@code ipc.*}: properties, one bean per
 * resource, their lifecycle and crash recovery, and the failure analyzers of startup errors.
 */
@NullMarked
package dev.springipc.autoconfigure;

import org.jspecify.annotations.NullMarked;
