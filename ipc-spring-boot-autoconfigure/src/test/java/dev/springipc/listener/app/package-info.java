/**
 * A Spring Boot application run in a child JVM by the cross-process listener tests.
 */
@NullMarked
package dev.springipc.listener.app;

import org.jspecify.annotations.NullMarked;
