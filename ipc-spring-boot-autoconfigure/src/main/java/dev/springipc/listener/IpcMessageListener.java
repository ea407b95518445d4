package dev.springipc.listener;

import org.springframework.messaging.Message;

/**
 * What a container calls for each decoded message.
 */
@FunctionalInterface
public interface IpcMessageListener {

    void onMessage(Message<byte[]> message) throws Exception;

}
