/**
 * A Spring Boot application run in a child JVM by the cross-process tracing test.
 */
@NullMarked
package dev.springipc.messaging.app;

import org.jspecify.annotations.NullMarked;
