/** A Spring Boot application with an inbound gateway flow, run in child JVMs by the integration tests. */
@NullMarked
package dev.springipc.integration.app;

import org.jspecify.annotations.NullMarked;
