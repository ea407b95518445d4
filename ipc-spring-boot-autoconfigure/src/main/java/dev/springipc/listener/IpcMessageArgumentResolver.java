package dev.springipc.listener;

import dev.springipc.core.IpcMessage;
import dev.springipc.messaging.IpcHeaders;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves an {@link IpcMessage} parameter to the message exactly as the queue delivered it.
 */
final class IpcMessageArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IpcMessage.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Object raw = message.getHeaders().get(IpcHeaders.RAW_MESSAGE);
        return (raw instanceof IpcMessage ipcMessage) ? ipcMessage
                : IpcMessage.of((message.getPayload() instanceof byte[] bytes) ? bytes : new byte[0]);
    }
}
