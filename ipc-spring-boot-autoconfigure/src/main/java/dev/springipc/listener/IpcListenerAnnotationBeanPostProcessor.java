package dev.springipc.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.StringUtils;

/**
 * Finds {@link IpcListener} methods on beans and turns each into an {@link IpcListenerEndpoint}.
 * It only collects: once all singletons exist it registers the endpoints with the
 * {@link IpcListenerEndpointRegistry}, which owns the containers and their lifecycle.
 */
public class IpcListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

    /** The bean name. */
    public static final String BEAN_NAME = "ipcListenerAnnotationBeanPostProcessor";

    /** The default container factory's bean name. */
    public static final String DEFAULT_CONTAINER_FACTORY_BEAN_NAME = "ipcListenerContainerFactory";

    private final List<Pending> pending = new ArrayList<>();

    private final AtomicInteger counter = new AtomicInteger();

    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable : null;
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, IpcListener> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<IpcListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, IpcListener.class));
        methods.forEach((method, annotation) -> {
            synchronized (this.pending) {
                this.pending.add(new Pending(bean, beanName, AopUtils.selectInvocableMethod(method, bean.getClass()),
                        method, annotation));
            }
        });
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Pending> endpoints;
        synchronized (this.pending) {
            endpoints = List.copyOf(this.pending);
            this.pending.clear();
        }
        if (endpoints.isEmpty()) {
            return;
        }
        BeanFactory factory = requireBeanFactory();
        IpcListenerEndpointRegistrar registrar = new IpcListenerEndpointRegistrar();
        factory.getBeanProvider(IpcListenerConfigurer.class)
            .orderedStream()
            .forEach((configurer) -> configurer.configureIpcListeners(registrar));
        IpcListenerEndpointRegistry registry = factory.getBean(IpcListenerEndpointRegistry.BEAN_NAME,
                IpcListenerEndpointRegistry.class);
        for (Pending listener : endpoints) {
            IpcListener annotation = listener.annotation();
            String factoryName = StringUtils.hasText(annotation.containerFactory())
                    ? resolve(annotation.containerFactory()) : registrar.getContainerFactoryBeanName();
            registry.registerListenerContainer(endpoint(listener, registrar),
                    factory.getBean(factoryName, IpcListenerContainerFactory.class));
        }
    }

    private IpcListenerEndpoint endpoint(Pending listener, IpcListenerEndpointRegistrar registrar) {
        IpcListener annotation = listener.annotation();
        String where = listener.beanName() + "." + listener.declared().getName();
        String key = resolve(annotation.value());
        if (!StringUtils.hasText(key)) {
            throw new IllegalStateException("@IpcListener on " + where
                    + " names no queue: write @IpcListener(\"key\") with the key of an ipc.queues or ipc.fifos entry");
        }
        String id = StringUtils.hasText(annotation.id()) ? resolve(annotation.id())
                : "ipcListener#" + this.counter.getAndIncrement();
        Integer concurrency = StringUtils.hasText(annotation.concurrency())
                ? parseConcurrency(where, resolve(annotation.concurrency())) : null;
        Boolean autoStartup = StringUtils.hasText(annotation.autoStartup())
                ? Boolean.valueOf(resolve(annotation.autoStartup())) : null;
        IpcListenerErrorHandler errorHandler = StringUtils.hasText(annotation.errorHandler())
                ? requireBeanFactory().getBean(resolve(annotation.errorHandler()), IpcListenerErrorHandler.class)
                : null;
        SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(listener.declared(), SendTo.class);
        String replyKey = (sendTo != null && sendTo.value().length > 0) ? resolve(sendTo.value()[0]) : null;
        return new IpcListenerEndpoint(id, key, listener.bean(), listener.invocable(), concurrency, autoStartup,
                replyKey, errorHandler, registrar.getMessageHandlerMethodFactory());
    }

    private static Integer parseConcurrency(String where, String value) {
        try {
            return Integer.valueOf(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalStateException("@IpcListener on " + where + " has concurrency \"" + value
                    + "\": give a number of consumer threads, e.g. concurrency = \"2\"", ex);
        }
    }

    private String resolve(String value) {
        String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
        return (resolved != null) ? resolved : value;
    }

    private BeanFactory requireBeanFactory() {
        if (this.beanFactory == null) {
            throw new IllegalStateException("IpcListenerAnnotationBeanPostProcessor needs a ConfigurableBeanFactory");
        }
        return this.beanFactory;
    }

    private record Pending(Object bean, String beanName, Method invocable, Method declared, IpcListener annotation) {
    }
}
