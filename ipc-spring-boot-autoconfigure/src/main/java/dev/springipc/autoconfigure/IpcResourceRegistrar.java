package dev.springipc.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springipc.core.IpcTrust;
import dev.springipc.core.Permissions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers one bean per resource declared under {@code ipc.*}, named by its key and typed by
 * the core interface ({@code IpcSemaphore}, {@code IpcSharedSegment}, ...). It binds the
 * properties early, before any bean exists, and rejects settings that are malformed or do not
 * apply to their entry. A bean of the same name that the application defines wins if it can be the
 * resource (a bean of an unrelated type fails startup). Resources are
 * created in a fixed order ({@link IpcResourceKind#ALL}, pipes last; declaration order within a kind),
 * whatever order other beans ask for them.
 */
final class IpcResourceRegistrar extends IpcPropertiesRegistrar {

    private static final Log logger = LogFactory.getLog(IpcResourceRegistrar.class);

    /** The factory method of the resource beans: {@link IpcResourceLifecycle#openDeclared}. */
    static final String FACTORY_METHOD_NAME = "openDeclared";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<IpcResourceDeclaration> declarations = declarations(environment(),
                (registry instanceof ConfigurableBeanFactory beanFactory) ? beanFactory.getBeanClassLoader()
                        : getClass().getClassLoader());
        if (runsFromAotCode()) {
            declarations.stream()
                .filter((declaration) -> !registry.containsBeanDefinition(declaration.key()))
                .findFirst()
                .ifPresent((declaration) -> {
                    throw notProcessedAheadOfTime(declaration.propertyPath(), declaration.key());
                });
            return;
        }
        if (!registry.containsBeanDefinition(IpcResourceLifecycle.BEAN_NAME)) {
            RootBeanDefinition lifecycle = new RootBeanDefinition(IpcResourceLifecycle.class);
            lifecycle.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(IpcResourceLifecycle.BEAN_NAME, lifecycle);
        }
        String previous = IpcResourceLifecycle.BEAN_NAME;
        for (IpcResourceDeclaration declaration : declarations) {
            if (registry.containsBeanDefinition(declaration.key())) {
                checkReplacement(declaration, registry.getBeanDefinition(declaration.key()), classLoader(registry));
                logger.info("Using the application's bean '" + declaration.key() + "' instead of "
                        + declaration.propertyPath());
                continue;
            }
            // A factory method with plain string arguments, rather than an instance supplier, so
            // that AOT processing can write the definition as code; the lifecycle resolves the
            // declaration from the properties of the run.
            RootBeanDefinition definition = new RootBeanDefinition();
            definition.setTargetType(declaration.kind().type());
            definition.setFactoryBeanName(IpcResourceLifecycle.BEAN_NAME);
            definition.setFactoryMethodName(FACTORY_METHOD_NAME);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, declaration.kind().property());
            definition.getConstructorArgumentValues().addIndexedArgumentValue(1, declaration.key());
            // Closing and removal belong to the lifecycle (cleanup policy), not to bean destruction.
            // AOT-generated code drops this empty name, so there the bean's close() runs too, after
            // the lifecycle released it: harmless, since close() is idempotent.
            definition.setDestroyMethodName("");
            definition.setDependsOn(previous);
            definition.setDescription("Declared as " + declaration.propertyPath());
            registry.registerBeanDefinition(declaration.key(), definition);
            previous = declaration.key();
        }
    }

    /**
     * The declarations of {@code environment}, checked, in creation order.
     * @param classLoader where to look for optional libraries a declaration needs
     */
    static List<IpcResourceDeclaration> declarations(Environment environment, @Nullable ClassLoader classLoader) {
        IpcProperties properties = bind(environment);
        ConflictingProperties.check(properties);
        MessagingDeclarations.check(properties, classLoader);
        return declarations(properties, environment.getProperty("spring.application.name", "app"));
    }

    /** The declarations in creation order; {@code applicationName} is the default namespace. */
    static List<IpcResourceDeclaration> declarations(IpcProperties properties, String applicationName) {
        String namespace = namespace(properties, applicationName);
        Path fifoDirectory = properties.getFifoDirectory();
        IpcTrust trust = trust(properties.getTrust());
        List<IpcResourceDeclaration> declarations = new ArrayList<>();
        for (IpcResourceKind<?> kind : IpcResourceKind.ALL) {
            for (Map.Entry<String, ? extends IpcProperties.Resource> entry : kind.entries(properties).entrySet()) {
                String key = entry.getKey();
                IpcProperties.Resource resource = entry.getValue();
                String path = kind.propertyPath(key);
                CleanupPolicy cleanup = (resource.getCleanup() != null) ? resource.getCleanup()
                        : properties.getCleanup();
                declarations.add(new IpcResourceDeclaration(key, kind, resource,
                        kind.osName(resource, namespace, key, fifoDirectory), mode(path, resource.getMode()),
                        resource.getCreate(), cleanup, fifoDirectory, trust));
            }
        }
        return declarations;
    }

    /** {@code ipc.namespace}, else the application name. */
    static String namespace(IpcProperties properties, String applicationName) {
        String namespace = properties.getNamespace();
        return (namespace != null && StringUtils.hasText(namespace)) ? namespace : applicationName;
    }

    private static IpcTrust trust(IpcProperties.Trust trust) {
        try {
            return trust.toIpcTrust();
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidIpcPropertyException("ipc.trust", trust.getUsers() + " / " + trust.getGroups(),
                    "lists an id that is not a non-negative number: " + ex.getMessage() + ".",
                    "List numeric ids under ipc.trust.users and ipc.trust.groups, e.g. ipc.trust.users: [1001] "
                            + "(id -u <user>) and ipc.trust.groups: [1001] (getent group <group>).");
        }
    }

    private static int mode(String path, String mode) {
        try {
            return Permissions.parseMode(mode);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidIpcPropertyException(path + ".mode", mode,
                    "is not a valid mode: expected an octal string of permission bits such as \"0660\".",
                    "Set " + path + ".mode to an octal string in quotes, e.g. mode: \"0660\" (a YAML number such as "
                            + "0660 without quotes is read as decimal or octal depending on the parser).");
        }
    }

    /**
     * An application bean named like a declared resource replaces it, as Boot's beans back off for
     * the user's: but only when it can be one. A bean of an unrelated type (a {@code @Component}
     * that happens to share the key's name) would silently hide the resource, so it fails startup.
     */
    private static void checkReplacement(IpcResourceDeclaration declaration, BeanDefinition definition,
            @Nullable ClassLoader classLoader) {
        Class<?> type = declaredType(definition, classLoader);
        Class<?> expected = declaration.kind().type();
        if (type == null || expected.isAssignableFrom(type) || type.isAssignableFrom(expected)
                || FactoryBean.class.isAssignableFrom(type)) {
            return;
        }
        throw new InvalidIpcPropertyException(declaration.propertyPath(), "(declared)",
                "has the name of the application's bean '" + declaration.key() + "' (" + type.getName()
                        + "), which is not an " + expected.getSimpleName() + " and would hide it",
                "Rename the bean or the key " + declaration.propertyPath() + ": an application bean of the key's "
                        + "name replaces the declared resource only when it is one (an " + expected.getSimpleName()
                        + ").");
    }

    /** The type a bean definition will produce, as far as it can be told before any bean exists. */
    private static @Nullable Class<?> declaredType(BeanDefinition definition, @Nullable ClassLoader classLoader) {
        Class<?> resolved = definition.getResolvableType().resolve();
        if (resolved != null) {
            return resolved;
        }
        String className = (definition instanceof AnnotatedBeanDefinition annotated
                && annotated.getFactoryMethodMetadata() != null)
                        ? annotated.getFactoryMethodMetadata().getReturnTypeName() : definition.getBeanClassName();
        if (className == null) {
            return null;
        }
        try {
            return ClassUtils.forName(className, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    private static @Nullable ClassLoader classLoader(BeanDefinitionRegistry registry) {
        return (registry instanceof ConfigurableBeanFactory beanFactory) ? beanFactory.getBeanClassLoader()
                : IpcResourceRegistrar.class.getClassLoader();
    }
}
