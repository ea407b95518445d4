package dev.springipc.autoconfigure;

import dev.springipc.listener.IpcListenerContainerFactory;
import dev.springipc.listener.IpcListenerObservation;
import dev.springipc.messaging.IpcReceiverObservationConvention;
import dev.springipc.messaging.IpcSenderObservationConvention;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcTrafficObserver;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Hands the traffic observers and, when observations are on, the observation registry to every
 * {@link IpcTemplate} and {@link IpcListenerContainerFactory} bean once it is initialized. The
 * observers are looked up then, not earlier, so that metrics beans are created after the meter
 * registry is ready.
 */
final class IpcMessagingObservationPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<IpcTrafficObserver> trafficObservers;

    private final ObjectProvider<ObservationRegistry> observationRegistry;

    private final ObjectProvider<IpcSenderObservationConvention> senderConvention;

    private final ObjectProvider<IpcReceiverObservationConvention> receiverConvention;

    private final boolean observationEnabled;

    IpcMessagingObservationPostProcessor(ObjectProvider<IpcTrafficObserver> trafficObservers,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<IpcSenderObservationConvention> senderConvention,
            ObjectProvider<IpcReceiverObservationConvention> receiverConvention, boolean observationEnabled) {
        this.trafficObservers = trafficObservers;
        this.observationRegistry = observationRegistry;
        this.senderConvention = senderConvention;
        this.receiverConvention = receiverConvention;
        this.observationEnabled = observationEnabled;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof IpcTemplate template) {
            template.setTrafficObserver(trafficObserver());
            if (this.observationEnabled) {
                template.setObservationRegistry(registry());
                template.setObservationConvention(this.senderConvention.getIfUnique());
            }
        }
        else if (bean instanceof IpcListenerContainerFactory factory) {
            factory.setObservation(new IpcListenerObservation(trafficObserver(),
                    this.observationEnabled ? registry() : ObservationRegistry.NOOP,
                    this.receiverConvention.getIfUnique()));
        }
        return bean;
    }

    private IpcTrafficObserver trafficObserver() {
        return IpcTrafficObserver.of(this.trafficObservers.orderedStream().toList());
    }

    private ObservationRegistry registry() {
        return this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
    }
}
