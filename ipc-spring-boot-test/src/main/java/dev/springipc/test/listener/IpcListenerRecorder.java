package dev.springipc.test.listener;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Advice on a listener bean that records each call of its recorded {@code @IpcListener} methods;
 * other methods pass through.
 */
final class IpcListenerRecorder implements MethodInterceptor {

    private final Class<?> targetClass;

    private final Map<Method, IpcListenerInvocations> listeners;

    IpcListenerRecorder(Class<?> targetClass, Map<Method, IpcListenerInvocations> listeners) {
        this.targetClass = targetClass;
        this.listeners = Map.copyOf(listeners);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        IpcListenerInvocations listener = listenerOf(invocation.getMethod());
        if (listener == null) {
            return invocation.proceed();
        }
        // Copied before the call: what the method received, even if it changes an array argument.
        List<@Nullable Object> arguments = Collections.unmodifiableList(Arrays.asList(invocation.getArguments().clone()));
        Object result;
        try {
            result = invocation.proceed();
        }
        catch (Throwable ex) {
            listener.record(new IpcListenerInvocation(listener.listenerId(), arguments, null, ex));
            throw ex;
        }
        listener.record(new IpcListenerInvocation(listener.listenerId(), arguments, result, null));
        return result;
    }

    private @Nullable IpcListenerInvocations listenerOf(Method method) {
        IpcListenerInvocations listener = this.listeners.get(method);
        // A JDK proxy calls the interface method: map it onto the bean's own.
        return (listener != null) ? listener
                : this.listeners.get(AopUtils.getMostSpecificMethod(method, this.targetClass));
    }
}
