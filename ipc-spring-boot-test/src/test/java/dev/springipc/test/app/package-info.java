/**
 * A small application for the tests of this module: queues and {@code @IpcListener} methods.
 */
@NullMarked
package dev.springipc.test.app;

import org.jspecify.annotations.NullMarked;
