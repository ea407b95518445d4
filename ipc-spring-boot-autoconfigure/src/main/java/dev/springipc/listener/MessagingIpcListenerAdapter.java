package dev.springipc.listener;

import java.util.HashMap;
import java.util.Map;

import dev.springipc.messaging.IpcHeaders;
import dev.springipc.messaging.IpcOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Invokes a listener method with its arguments resolved from the message, and sends a non-null
 * return value as the reply: to the request's reply-to key, else to the method's
 * {@code @SendTo} key, with the request's correlation id.
 */
public class MessagingIpcListenerAdapter implements IpcMessageListener {

    private final String id;

    private final InvocableHandlerMethod handlerMethod;

    private final IpcOperations template;

    private final @Nullable String sendTo;

    public MessagingIpcListenerAdapter(String id, InvocableHandlerMethod handlerMethod, IpcOperations template,
            @Nullable String sendTo) {
        this.id = id;
        this.handlerMethod = handlerMethod;
        this.template = template;
        this.sendTo = sendTo;
    }

    @Override
    public void onMessage(Message<byte[]> message) throws Exception {
        Object result = this.handlerMethod.invoke(message);
        if (result != null) {
            try {
                reply(message, result);
            }
            catch (RuntimeException ex) {
                throw IpcListenerReplyException.of(this.id, ex);
            }
        }
    }

    private void reply(Message<byte[]> request, Object result) {
        Object replyTo = request.getHeaders().get(IpcHeaders.REPLY_TO);
        String key = (replyTo != null) ? replyTo.toString() : this.sendTo;
        if (key == null) {
            throw IpcListenerReplyException.noReplyTarget(this.id, request.getHeaders().get(IpcHeaders.RECEIVED_FROM));
        }
        Object correlationId = request.getHeaders().get(IpcHeaders.CORRELATION_ID);
        if (result instanceof Message<?> message) {
            this.template.send(key, (correlationId != null)
                    ? MessageBuilder.fromMessage(message).setHeader(IpcHeaders.CORRELATION_ID, correlationId).build()
                    : message);
            return;
        }
        Map<String, Object> headers = new HashMap<>();
        if (correlationId != null) {
            headers.put(IpcHeaders.CORRELATION_ID, correlationId);
        }
        this.template.convertAndSend(key, result, headers);
    }
}
