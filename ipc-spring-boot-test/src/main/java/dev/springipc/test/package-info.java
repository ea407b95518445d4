/**
 * Test support for applications that use the IPC starter. {@link dev.springipc.test.context}
 * gives each test context its own namespace and checks that nothing of it outlives the context;
 * {@link dev.springipc.test.listener} records what {@code @IpcListener} methods received and
 * returned.
 */
@NullMarked
package dev.springipc.test;

import org.jspecify.annotations.NullMarked;
