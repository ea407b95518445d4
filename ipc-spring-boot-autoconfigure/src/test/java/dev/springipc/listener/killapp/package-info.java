/**
 * A Spring Boot application run in a child JVM and killed with SIGKILL by the listener crash test.
 */
@NullMarked
package dev.springipc.listener.killapp;

import org.jspecify.annotations.NullMarked;
