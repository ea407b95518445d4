/**
 * The {@code spring.cloud.stream.ipc.*} properties of the {@code ipc} binder.
 */
@NullMarked
package dev.springipc.cloud.stream.binder.properties;

import org.jspecify.annotations.NullMarked;
