package dev.springipc.autoconfigure;

import java.util.List;

import dev.springipc.listener.IpcDeadLetterRecoverer;
import dev.springipc.listener.IpcListenerAnnotationBeanPostProcessor;
import dev.springipc.listener.IpcListenerContainerFactory;
import dev.springipc.listener.IpcListenerEndpointRegistry;
import dev.springipc.listener.IpcListenerErrorHandler;
import dev.springipc.listener.IpcMessageRecoverer;
import dev.springipc.messaging.BeanFactoryIpcDestinationResolver;
import dev.springipc.messaging.IpcDestinationResolver;
import dev.springipc.messaging.IpcHeaderMapper;
import dev.springipc.messaging.IpcMessageConverter;
import dev.springipc.messaging.IpcOperations;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.messaging.IpcWireCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.validation.Validator;

/**
 * Auto-configuration of {@link IpcTemplate} (and its converter chain, header mapper and
 * destination resolver) over the queues and FIFOs declared under {@code ipc.*}, and of the
 * {@code @IpcListener} infrastructure unless {@code ipc.listener.enabled=false}.
 * <p>
 * The message converter is the application's bean named {@value #CONVERTER_BEAN_NAME} (any
 * {@link MessageConverter} type), else its one {@code MessageConverter} bean (or its one
 * {@code @Primary} one; Spring Integration's own converters do not count), else an
 * {@link IpcMessageConverter} with JSON over the application's Jackson 3 {@link JsonMapper}.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
@ConditionalOnClass(Message.class)
@ConditionalOnBooleanProperty(name = "ipc.enabled", matchIfMissing = true)
@Conditional(OnLinuxCondition.class)
@EnableConfigurationProperties(IpcProperties.class)
@Import({ IpcMessagingAutoConfiguration.JacksonConfiguration.class,
        IpcMessagingAutoConfiguration.ListenerConfiguration.class })
public final class IpcMessagingAutoConfiguration {

    /** Name of a {@link MessageConverter} bean the template and the listeners use whatever other converters exist. */
    public static final String CONVERTER_BEAN_NAME = "ipcMessageConverter";

    /** Name of the {@link IpcListenerErrorHandler} bean used by listeners that name no error handler. */
    public static final String LISTENER_ERROR_HANDLER_BEAN_NAME = "ipcListenerErrorHandler";

    private static final Log logger = LogFactory.getLog(IpcMessagingAutoConfiguration.class);

    @Bean
    IpcConverter ipcConverter(ConfigurableListableBeanFactory beanFactory, ObjectProvider<IpcJsonConverter> json) {
        if (beanFactory.containsBean(CONVERTER_BEAN_NAME)) {
            return new IpcConverter(beanFactory.getBean(CONVERTER_BEAN_NAME, MessageConverter.class));
        }
        List<String> candidates = BeanSelection.candidates(beanFactory, MessageConverter.class,
                BeanSelection.FRAMEWORK_MESSAGE_CONVERTERS);
        String unique = BeanSelection.unique(beanFactory, candidates);
        if (unique != null) {
            return new IpcConverter(beanFactory.getBean(unique, MessageConverter.class));
        }
        if (!candidates.isEmpty()) {
            logger.info("IPC messaging uses its default converter: the MessageConverter beans " + candidates
                    + " are more than one and none is @Primary or named '" + CONVERTER_BEAN_NAME + "'");
        }
        IpcJsonConverter jsonConverter = json.getIfAvailable();
        return new IpcConverter(new IpcMessageConverter(
                IpcMessageConverter.defaultConverters((jsonConverter != null) ? jsonConverter.converter() : null)));
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
    IpcDestinationResolver ipcDestinationResolver(BeanFactory beanFactory, IpcProperties properties,
            Environment environment) {
        return new BeanFactoryIpcDestinationResolver(beanFactory, MessagingDeclarations.settings(properties),
                namespace(properties, environment));
    }

    private static String namespace(IpcProperties properties, Environment environment) {
        return IpcResourceRegistrar.namespace(properties, environment.getProperty("spring.application.name", "app"));
    }

    @Bean
    @ConditionalOnMissingBean(IpcOperations.class)
    IpcTemplate ipcTemplate(IpcDestinationResolver destinations, IpcConverter converter, IpcWireCodec codec,
            IpcProperties properties, Environment environment, ObjectProvider<IpcTemplateCustomizer> customizers) {
        IpcTemplate template = new IpcTemplate(destinations, converter.converter(), codec);
        template.setNamespace(namespace(properties, environment));
        template.reclaimStaleTemporaryReplyQueues(); // those of requesters of the namespace that were killed
        IpcProperties.Template settings = properties.getTemplate();
        template.setDefaultDestination(settings.getDefaultDestination());
        template.setReplyQueue(settings.getReplyQueue());
        template.setReceiveTimeout(settings.getReceiveTimeout());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
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

        @Bean
        @ConditionalOnMissingBean(IpcMessageRecoverer.class)
        IpcDeadLetterRecoverer ipcMessageRecoverer(IpcDestinationResolver destinations) {
            return new IpcDeadLetterRecoverer(destinations);
        }

        @Bean
        @ConditionalOnMissingBean
        IpcListenerContainerFactoryConfigurer ipcListenerContainerFactoryConfigurer(IpcProperties properties,
                IpcDestinationResolver destinations, IpcWireCodec codec, IpcOperations operations,
                IpcConverter converter, IpcMessageRecoverer recoverer, ConfigurableListableBeanFactory beanFactory) {
            String validator = BeanSelection.unique(beanFactory,
                    BeanSelection.candidates(beanFactory, Validator.class, BeanSelection.FRAMEWORK_VALIDATORS));
            IpcListenerErrorHandler errorHandler = beanFactory.containsBean(LISTENER_ERROR_HANDLER_BEAN_NAME)
                    ? beanFactory.getBean(LISTENER_ERROR_HANDLER_BEAN_NAME, IpcListenerErrorHandler.class) : null;
            return new IpcListenerContainerFactoryConfigurer(properties.getListener(), destinations, codec, operations,
                    converter.converter(), (validator != null) ? beanFactory.getBean(validator, Validator.class) : null,
                    recoverer, errorHandler, beanFactory);
        }

        @Bean(IpcListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
        @ConditionalOnMissingBean(name = IpcListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
        IpcListenerContainerFactory ipcListenerContainerFactory(IpcListenerContainerFactoryConfigurer configurer) {
            IpcListenerContainerFactory factory = new IpcListenerContainerFactory();
            configurer.configure(factory);
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

    /**
     * Holds the converter of the template and the listeners without exposing the default as a
     * MessageConverter bean, which would make the application's own ambiguous for others (Spring
     * Cloud Function, for one, adds every MessageConverter bean to its chain).
     */
    record IpcConverter(MessageConverter converter) {
    }
}
