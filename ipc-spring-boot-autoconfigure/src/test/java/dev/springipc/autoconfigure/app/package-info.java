/**
 * A small Spring Boot application for tests that run it in a child JVM.
 */
@NullMarked
package dev.springipc.autoconfigure.app;

import org.jspecify.annotations.NullMarked;
