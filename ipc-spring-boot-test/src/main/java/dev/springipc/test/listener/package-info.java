/**
 * A test harness for {@code @IpcListener} methods: {@link dev.springipc.test.listener.IpcListenerTest}
 * records each invocation of a listener (arguments, return value or exception) by the listener's
 * id, and lets a test wait for a number of invocations.
 */
@NullMarked
package dev.springipc.test.listener;

import org.jspecify.annotations.NullMarked;
