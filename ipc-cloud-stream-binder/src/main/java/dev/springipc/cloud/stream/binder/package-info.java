/**
 * The Spring Cloud Stream binder of type {@code ipc}.
 */
@NullMarked
package dev.springipc.cloud.stream.binder;

import org.jspecify.annotations.NullMarked;
