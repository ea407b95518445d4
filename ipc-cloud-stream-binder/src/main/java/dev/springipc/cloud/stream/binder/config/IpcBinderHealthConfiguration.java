package dev.springipc.cloud.stream.binder.config;

import org.springframework.context.annotation.Configuration;

/**
 * Placeholder for the binder's health contributor (step 4).
 */
@Configuration(proxyBeanMethods = false)
class IpcBinderHealthConfiguration {

}
