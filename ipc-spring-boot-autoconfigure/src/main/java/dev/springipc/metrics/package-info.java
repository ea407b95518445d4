/**
 * Micrometer meters of IPC messaging and resources: message counters and sizes (through
 * {@link dev.springipc.messaging.IpcTrafficObserver}) and live gauges of queue depth and
 * semaphore permits. They only observe; nothing imports this package.
 */
@NullMarked
package dev.springipc.metrics;

import org.jspecify.annotations.NullMarked;
