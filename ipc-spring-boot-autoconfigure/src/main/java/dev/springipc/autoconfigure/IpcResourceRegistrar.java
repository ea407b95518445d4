package dev.springipc.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springipc.core.Permissions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.StringUtils;

/**
 * Registers one bean per resource declared under {@code ipc.*}, named by its key and typed by
 * the core interface ({@code IpcSemaphore}, {@code IpcSharedSegment}, ...). It binds the
 * properties early, before any bean exists, and rejects settings that are malformed or do not
 * apply to their entry. A bean of the same name that the application defines wins. Resources are
 * created in a fixed order ({@link IpcResourceKind#ALL}, pipes last; declaration order within a kind),
 * whatever order other beans ask for them.
 */
final class IpcResourceRegistrar extends IpcPropertiesRegistrar {

    private static final Log logger = LogFactory.getLog(IpcResourceRegistrar.class);

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        IpcProperties properties = bindProperties();
        ConflictingProperties.check(properties);
        MessagingDeclarations.check(properties, (registry instanceof ConfigurableBeanFactory beanFactory)
                ? beanFactory.getBeanClassLoader() : getClass().getClassLoader());
        List<IpcResourceDeclaration> declarations = declarations(properties,
                environment().getProperty("spring.application.name", "app"));
        if (!registry.containsBeanDefinition(IpcResourceLifecycle.BEAN_NAME)) {
            RootBeanDefinition lifecycle = new RootBeanDefinition(IpcResourceLifecycle.class);
            lifecycle.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(IpcResourceLifecycle.BEAN_NAME, lifecycle);
        }
        String previous = IpcResourceLifecycle.BEAN_NAME;
        for (IpcResourceDeclaration declaration : declarations) {
            if (registry.containsBeanDefinition(declaration.key())) {
                logger.info("Using the application's bean '" + declaration.key() + "' instead of "
                        + declaration.propertyPath());
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(declaration.kind().type());
            definition.setInstanceSupplier(() -> ((BeanFactory) registry)
                .getBean(IpcResourceLifecycle.BEAN_NAME, IpcResourceLifecycle.class)
                .open(declaration));
            // Closing and removal belong to the lifecycle (cleanup policy), not to bean destruction.
            definition.setDestroyMethodName("");
            definition.setDependsOn(previous);
            definition.setDescription("Declared as " + declaration.propertyPath());
            registry.registerBeanDefinition(declaration.key(), definition);
            previous = declaration.key();
        }
    }

    /** The declarations in creation order; {@code applicationName} is the default namespace. */
    static List<IpcResourceDeclaration> declarations(IpcProperties properties, String applicationName) {
        String namespace = namespace(properties, applicationName);
        Path fifoDirectory = properties.getFifoDirectory();
        List<IpcResourceDeclaration> declarations = new ArrayList<>();
        for (IpcResourceKind<?> kind : IpcResourceKind.ALL) {
            for (Map.Entry<String, ? extends IpcProperties.Resource> entry : kind.entries(properties).entrySet()) {
                String key = entry.getKey();
                IpcProperties.Resource resource = entry.getValue();
                String path = "ipc." + kind.property() + "." + key;
                CleanupPolicy cleanup = (resource.getCleanup() != null) ? resource.getCleanup()
                        : properties.getCleanup();
                declarations.add(new IpcResourceDeclaration(key, kind, resource,
                        kind.osName(resource, namespace, key, fifoDirectory), mode(path, resource.getMode()),
                        resource.getCreate(), cleanup, fifoDirectory));
            }
        }
        return declarations;
    }

    /** {@code ipc.namespace}, else the application name. */
    static String namespace(IpcProperties properties, String applicationName) {
        String namespace = properties.getNamespace();
        return (namespace != null && StringUtils.hasText(namespace)) ? namespace : applicationName;
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
}
