/**
 * What every resource kind shares: the platform check, name validation, the create-mode
 * procedure, errno translation, mode enforcement, interruptible waits and the open/close/unlink
 * lifecycle. One copy here instead of one per kind.
 */
@NullMarked
package dev.springipc.core.support;

import org.jspecify.annotations.NullMarked;
