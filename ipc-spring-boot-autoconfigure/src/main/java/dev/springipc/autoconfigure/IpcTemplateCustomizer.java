package dev.springipc.autoconfigure;

import dev.springipc.messaging.IpcTemplate;

/**
 * Customizes the auto-configured {@link IpcTemplate} after {@code ipc.template.*} is applied,
 * as {@code RabbitTemplateCustomizer} does for Spring AMQP. Every bean of this type is applied,
 * in order ({@code @Order}, {@code Ordered}).
 */
@FunctionalInterface
public interface IpcTemplateCustomizer {

    void customize(IpcTemplate template);

}
