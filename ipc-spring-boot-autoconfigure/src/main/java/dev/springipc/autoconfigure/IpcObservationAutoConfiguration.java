package dev.springipc.autoconfigure;

import dev.springipc.messaging.IpcReceiverObservationConvention;
import dev.springipc.messaging.IpcSenderObservationConvention;
import dev.springipc.messaging.IpcTrafficObserver;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;

/**
 * Connects {@code IpcTemplate} and the listener container factory to what observes them: every
 * {@link IpcTrafficObserver} bean (metrics, the endpoint's traffic counts) and, with
 * {@code ipc.observation.enabled=true}, the {@link ObservationRegistry} with the application's
 * {@link IpcSenderObservationConvention} and {@link IpcReceiverObservationConvention}, if any.
 */
@AutoConfiguration(after = IpcMessagingAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(Message.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
public final class IpcObservationAutoConfiguration {

    @Bean
    static IpcMessagingObservationPostProcessor ipcMessagingObservationPostProcessor(
            ObjectProvider<IpcTrafficObserver> trafficObservers, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<IpcSenderObservationConvention> senderConvention,
            ObjectProvider<IpcReceiverObservationConvention> receiverConvention, Environment environment) {
        return new IpcMessagingObservationPostProcessor(trafficObservers, observationRegistry, senderConvention,
                receiverConvention, environment.getProperty("ipc.observation.enabled", Boolean.class, false));
    }

}
