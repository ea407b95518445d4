package dev.springipc.autoconfigure;

import dev.springipc.listener.IpcListenerAnnotationBeanPostProcessor;
import dev.springipc.listener.IpcListenerContainerFactory;
import dev.springipc.listener.IpcListenerEndpointRegistry;
import dev.springipc.messaging.BeanFactoryIpcDestinationResolver;
import dev.springipc.messaging.IpcDestinationResolver;
import dev.springipc.messaging.IpcHeaderMapper;
import dev.springipc.messaging.IpcMessageConverter;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcWireCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.validation.Validator;

/**
 * Auto-configuration of {@link IpcTemplate} (and its converter chain, header mapper and
 * destination resolver) over the queues and FIFOs declared under {@code ipc.*}, and of the
 * {@code @IpcListener} infrastructure unless {@code ipc.listener.enabled=false}.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
@ConditionalOnClass(Message.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
@EnableConfigurationProperties(IpcProperties.class)
@Import({ IpcMessagingAutoConfiguration.JacksonConfiguration.class,
        IpcMessagingAutoConfiguration.ListenerConfiguration.class })
public final class IpcMessagingAutoConfiguration {

    /** Name of the converter bean used by the template and the listeners. */
    public static final String CONVERTER_BEAN_NAME = "ipcMessageConverter";

    @Bean(CONVERTER_BEAN_NAME)
    @ConditionalOnMissingBean(name = CONVERTER_BEAN_NAME)
    IpcMessageConverter ipcMessageConverter(ObjectProvider<IpcJsonConverter> json) {
        IpcJsonConverter jsonConverter = json.getIfAvailable();
        return new IpcMessageConverter(
                IpcMessageConverter.defaultConverters((jsonConverter != null) ? jsonConverter.converter() : null));
    }

    @Bean
    @ConditionalOnMissingBean
    IpcHeaderMapper ipcHeaderMapper() {
        return new IpcHeaderMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    IpcWireCodec ipcWireCodec(IpcHeaderMapper headerMapper) {
        return new IpcWireCodec(headerMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    IpcDestinationResolver ipcDestinationResolver(BeanFactory beanFactory, IpcProperties properties) {
        return new BeanFactoryIpcDestinationResolver(beanFactory, MessagingDeclarations.settings(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    IpcTemplate ipcTemplate(IpcDestinationResolver destinations,
            @Qualifier(CONVERTER_BEAN_NAME) IpcMessageConverter converter,
            IpcWireCodec codec, IpcProperties properties) {
        IpcTemplate template = new IpcTemplate(destinations, converter, codec);
        IpcProperties.Template settings = properties.getTemplate();
        template.setDefaultDestination(settings.getDefaultDestination());
        template.setReplyQueue(settings.getReplyQueue());
        template.setReceiveTimeout(settings.getReceiveTimeout());
        return template;
    }

    /** Detects {@code @IpcListener} methods and runs their containers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "ipc.listener.enabled", matchIfMissing = true)
    static class ListenerConfiguration {

        @Bean(IpcListenerAnnotationBeanPostProcessor.BEAN_NAME)
        @ConditionalOnMissingBean(name = IpcListenerAnnotationBeanPostProcessor.BEAN_NAME)
        static IpcListenerAnnotationBeanPostProcessor ipcListenerAnnotationBeanPostProcessor() {
            return new IpcListenerAnnotationBeanPostProcessor();
        }

        @Bean(IpcListenerEndpointRegistry.BEAN_NAME)
        @ConditionalOnMissingBean(name = IpcListenerEndpointRegistry.BEAN_NAME)
        IpcListenerEndpointRegistry ipcListenerEndpointRegistry() {
            return new IpcListenerEndpointRegistry();
        }

        @Bean(IpcListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
        @ConditionalOnMissingBean(name = IpcListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
        IpcListenerContainerFactory ipcListenerContainerFactory(IpcDestinationResolver destinations,
                IpcWireCodec codec, IpcTemplate template,
                @Qualifier(CONVERTER_BEAN_NAME) IpcMessageConverter converter,
                ObjectProvider<Validator> validator, BeanFactory beanFactory, IpcProperties properties) {
            IpcListenerContainerFactory factory = new IpcListenerContainerFactory(destinations, codec, template,
                    converter);
            IpcProperties.Listener listener = properties.getListener();
            factory.setConcurrency(listener.getConcurrency());
            factory.setReceiveTimeout(listener.getReceiveTimeout());
            factory.setShutdownTimeout(listener.getShutdownTimeout());
            factory.setMaxAttempts(listener.getRetry().getMaxAttempts());
            factory.setBackOff(listener.getRetry().getInitialInterval(), listener.getRetry().getMultiplier(),
                    listener.getRetry().getMaxInterval());
            factory.setValidator(validator.getIfUnique());
            factory.setBeanFactory(beanFactory);
            return factory;
        }

    }

    /** The JSON converter, over the application's Jackson 3 {@link JsonMapper} when there is one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonConfiguration {

        @Bean
        IpcJsonConverter ipcJsonConverter(ObjectProvider<JsonMapper> jsonMapper) {
            JsonMapper mapper = jsonMapper.getIfUnique();
            return new IpcJsonConverter(
                    (mapper != null) ? new JacksonJsonMessageConverter(mapper) : new JacksonJsonMessageConverter());
        }

    }

    /** Holds the JSON converter without exposing it as a MessageConverter bean of its own. */
    record IpcJsonConverter(MessageConverter converter) {
    }
}
