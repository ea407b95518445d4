package dev.springipc.cloud.stream.binder.properties;

import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * The {@code ipc} settings of one binding: its consumer and producer side.
 */
public class IpcBindingProperties implements BinderSpecificPropertiesProvider {

    /**
     * Consumer settings.
     */
    private IpcConsumerProperties consumer = new IpcConsumerProperties();

    /**
     * Producer settings.
     */
    private IpcProducerProperties producer = new IpcProducerProperties();

    @Override
    public IpcConsumerProperties getConsumer() {
        return this.consumer;
    }

    public void setConsumer(IpcConsumerProperties consumer) {
        this.consumer = consumer;
    }

    @Override
    public IpcProducerProperties getProducer() {
        return this.producer;
    }

    public void setProducer(IpcProducerProperties producer) {
        this.producer = producer;
    }
}
