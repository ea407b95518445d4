package dev.springipc.test.listener;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.springipc.listener.IpcListener;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Records the calls of {@code @IpcListener} methods that have an {@code id}, by that id. Added
 * to a test context by {@link IpcListenerTest}; inject it into the test.
 * <p>
 * It is a bean post-processor that runs before the starter's
 * {@code IpcListenerAnnotationBeanPostProcessor}: it wraps each bean with recorded listeners in a
 * class proxy whose advice records the calls, so the container invokes the listener through the
 * proxy. A bean that is already a Spring AOP proxy gets the advice added instead. Listeners
 * without an id are not recorded: theirs is assigned only later ({@code ipcListener#<n>}).
 */
public class IpcListenerTestHarness implements BeanPostProcessor, BeanFactoryAware, Ordered {

    /** The bean name. */
    public static final String BEAN_NAME = "ipcListenerTestHarness";

    /** After auto-proxy creators (ordered first), before the listener post-processor (lowest precedence). */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    private final Map<String, IpcListenerInvocations> listeners = new ConcurrentHashMap<>();

    private @Nullable ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable : null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * The calls of the listener {@code id}.
     * @throws IllegalArgumentException if no listener with that id is recorded
     */
    public IpcListenerInvocations invocations(String id) {
        IpcListenerInvocations invocations = this.listeners.get(id);
        if (invocations == null) {
            throw new IllegalArgumentException("No @IpcListener with id '" + id + "' is recorded; recorded: " + ids()
                    + ". Only listeners with an id are: @IpcListener(value = \"<queue>\", id = \"" + id + "\")");
        }
        return invocations;
    }

    /**
     * Waits until listener {@code id} has been called at least {@code count} times; returns the
     * first {@code count} calls.
     * @throws AssertionError if fewer calls finished within {@code timeout}
     */
    public List<IpcListenerInvocation> awaitInvocations(String id, int count, Duration timeout) {
        return invocations(id).await(count, timeout);
    }

    /** The ids of the recorded listeners. */
    public Set<String> ids() {
        return new TreeSet<>(this.listeners.keySet());
    }

    /** Forgets every call so far; {@link IpcListenerTest} does it before each test method. */
    public void reset() {
        this.listeners.values().forEach(IpcListenerInvocations::clear);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, IpcListener> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<IpcListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, IpcListener.class));
        Map<Method, IpcListenerInvocations> recorded = new HashMap<>();
        annotated.forEach((method, annotation) -> {
            String id = resolve(annotation.id());
            if (StringUtils.hasText(id)) {
                IpcListenerInvocations invocations = new IpcListenerInvocations(id);
                if (this.listeners.putIfAbsent(id, invocations) != null) {
                    throw new IllegalStateException("Another @IpcListener already has id '" + id + "': give "
                            + beanName + "." + method.getName() + " a unique id");
                }
                recorded.put(method, invocations);
            }
        });
        if (recorded.isEmpty()) {
            return bean;
        }
        IpcListenerRecorder recorder = new IpcListenerRecorder(targetClass, recorded);
        if (bean instanceof Advised advised && !advised.isFrozen()) {
            advised.addAdvice(0, recorder);
            return bean;
        }
        return proxy(bean, beanName, targetClass, recorder);
    }

    private static Object proxy(Object bean, String beanName, Class<?> targetClass, IpcListenerRecorder recorder) {
        ProxyFactory factory = new ProxyFactory(bean);
        factory.setProxyTargetClass(true);
        factory.addAdvice(recorder);
        try {
            return factory.getProxy(targetClass.getClassLoader());
        }
        catch (AopConfigException ex) {
            throw new IllegalStateException("@IpcListenerTest cannot record the listeners of bean '" + beanName
                    + "': its class " + targetClass.getName() + " cannot be proxied (" + ex.getMessage()
                    + "); make it non-final with non-final listener methods", ex);
        }
    }

    private String resolve(String value) {
        String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
        return (resolved != null) ? resolved : value;
    }
}
