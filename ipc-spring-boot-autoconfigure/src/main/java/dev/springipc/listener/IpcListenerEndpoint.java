package dev.springipc.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * What one {@link IpcListener} method asks for: which key, which bean method, how many
 * consumers, where replies go and who handles failures. Values left {@code null} take the
 * container factory's defaults.
 *
 * @param id the container id
 * @param key the queue or FIFO key
 * @param bean the bean
 * @param method the method to invoke
 * @param concurrency consumer threads, or {@code null}
 * @param autoStartup whether to start with the context, or {@code null}
 * @param sendTo the {@code @SendTo} key, or {@code null}
 * @param errorHandler the error handler, or {@code null}
 * @param messageHandlerMethodFactory the factory of the invocable method (from an
 * {@link IpcListenerConfigurer}), or {@code null} for the container factory's
 */
public record IpcListenerEndpoint(String id, String key, Object bean, Method method, @Nullable Integer concurrency,
        @Nullable Boolean autoStartup, @Nullable String sendTo, @Nullable IpcListenerErrorHandler errorHandler,
        @Nullable MessageHandlerMethodFactory messageHandlerMethodFactory) {

    @Override
    public String toString() {
        return "IpcListenerEndpoint[" + this.id + " on '" + this.key + "' -> " + this.method.getDeclaringClass()
            .getSimpleName() + "." + this.method.getName() + "]";
    }
}
