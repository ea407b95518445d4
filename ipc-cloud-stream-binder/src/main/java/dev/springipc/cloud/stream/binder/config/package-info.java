/**
 * The configuration of the {@code ipc} binder's own context, listed in
 * {@code META-INF/spring.binders}.
 */
@NullMarked
package dev.springipc.cloud.stream.binder.config;

import org.jspecify.annotations.NullMarked;
