package dev.springipc.cloud.stream.binder;

import java.util.List;

import dev.springipc.cloud.stream.binder.properties.IpcConsumerProperties;
import dev.springipc.cloud.stream.binder.properties.IpcExtendedBindingProperties;
import dev.springipc.cloud.stream.binder.properties.IpcProducerProperties;
import dev.springipc.messaging.IpcDestination;
import dev.springipc.messaging.IpcTrafficObserver;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.ExtendedPropertiesBinder;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.integration.core.MessageProducer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * The Spring Cloud Stream binder of type {@code ipc}: destinations are topics over the
 * starter's queues on one host. Every consumer group has a queue per destination (per partition
 * when partitioned) whose instances compete for its messages; a producer publishes to the queue
 * of every group registered on the destination; an anonymous consumer has a queue of its own for
 * as long as it is bound. Messages travel as envelopes, so content type and user headers survive.
 */
public class IpcMessageChannelBinder extends
        AbstractMessageChannelBinder<ExtendedConsumerProperties<IpcConsumerProperties>, ExtendedProducerProperties<IpcProducerProperties>, IpcQueueProvisioner>
        implements ExtendedPropertiesBinder<MessageChannel, IpcConsumerProperties, IpcProducerProperties> {

    private final IpcExtendedBindingProperties extendedProperties;

    private final BinderWireCodec codec;

    private final IpcTrafficObserver observer;

    private final BinderQueues queues = new BinderQueues();

    public IpcMessageChannelBinder(IpcQueueProvisioner provisioner, IpcExtendedBindingProperties extendedProperties,
            BinderWireCodec codec, IpcTrafficObserver observer) {
        // No headers to embed: the envelope carries them all.
        super(new String[0], provisioner);
        this.extendedProperties = extendedProperties;
        this.codec = codec;
        this.observer = observer;
    }

    @Override
    protected MessageHandler createProducerMessageHandler(ProducerDestination destination,
            ExtendedProducerProperties<IpcProducerProperties> properties, MessageChannel errorChannel) {
        return new GroupPublisher(destination.getName(), bindingName(properties.getBindingName(), destination.getName()), this.provisioningProvider,
                properties.getExtension(), this.codec, this.observer);
    }

    @Override
    protected MessageProducer createConsumerEndpoint(ConsumerDestination destination, @Nullable String group,
            ExtendedConsumerProperties<IpcConsumerProperties> properties) {
        IpcConsumerDestination queues = (IpcConsumerDestination) destination;
        String bindingName = bindingName(properties.getBindingName(), destination.getName());
        List<IpcDestination> sources = queues.queues()
            .stream()
            .map((lease) -> QueueInboundEndpoint.source(lease, bindingName))
            .toList();
        QueueInboundEndpoint endpoint = new QueueInboundEndpoint(sources, properties.getConcurrency(),
                properties.getExtension().getPollTimeout(), this.codec, this.observer, bindingName);
        endpoint.setBeanFactory(getBeanFactory());
        ErrorInfrastructure errors = registerErrorInfrastructure(destination, queues.group(), properties);
        if (properties.getMaxAttempts() > 1) {
            endpoint.setRetry(buildRetryTemplate(properties), errors.getRecoverer());
        }
        else {
            endpoint.setErrorChannel(errors.getErrorChannel());
        }
        this.queues.add(bindingName, sources);
        return endpoint;
    }

    /** With {@code enable-dlq}, failed messages go to the group's dead-letter queue. */
    @Override
    protected @Nullable MessageHandler getErrorMessageHandler(ConsumerDestination destination, String group,
            ExtendedConsumerProperties<IpcConsumerProperties> properties) {
        IpcConsumerDestination queues = (IpcConsumerDestination) destination;
        QueueLease deadLetters = queues.deadLetterQueue();
        if (deadLetters == null) {
            return super.getErrorMessageHandler(destination, group, properties);
        }
        return new DeadLetterPublisher(queues,
                QueueInboundEndpoint.source(deadLetters, bindingName(properties.getBindingName(), destination.getName())),
                this.codec, this.observer);
    }

    @Override
    protected void afterUnbindConsumer(ConsumerDestination destination, String group,
            ExtendedConsumerProperties<IpcConsumerProperties> properties) {
        this.queues.remove(bindingName(properties.getBindingName(), destination.getName()));
        this.provisioningProvider.release((IpcConsumerDestination) destination);
    }

    @Override
    protected void afterUnbindProducer(ProducerDestination destination,
            ExtendedProducerProperties<IpcProducerProperties> properties) {
        this.provisioningProvider.release((IpcProducerDestination) destination);
    }

    @Override
    public IpcConsumerProperties getExtendedConsumerProperties(String channelName) {
        return this.extendedProperties.getExtendedConsumerProperties(channelName);
    }

    @Override
    public IpcProducerProperties getExtendedProducerProperties(String channelName) {
        return this.extendedProperties.getExtendedProducerProperties(channelName);
    }

    @Override
    public String getDefaultsPrefix() {
        return this.extendedProperties.getDefaultsPrefix();
    }

    @Override
    public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
        return this.extendedProperties.getExtendedPropertiesEntryClass();
    }

    /** The framework names every binding; a binder used directly (tests) may not. */
    private static String bindingName(@Nullable String bindingName, String destination) {
        return (bindingName != null) ? bindingName : destination;
    }

    /** The queues the bound consumers read now, by binding name: for health and meters. */
    public BinderQueues getQueues() {
        return this.queues;
    }
}
