package dev.springipc.benchmarks;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The measuring JVM's Spring Boot application: only what auto-configuration gives, IpcTemplate among it. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SpringSenderApplication {

}
