package dev.springipc.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springipc.autoconfigure.OwnerRecords.OwnerRecord;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcResource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Owns every declared IPC resource: opens them (recovering what a dead process left), and on
 * context close or SIGTERM closes them, then removes them according to their cleanup policy.
 * <p>
 * It runs in a low phase, so that listeners and adapters, in higher phases, stop before the
 * resources they use are closed. If startup fails half-way, {@link #destroy()} releases what was
 * opened so far.
 */
public final class IpcResourceLifecycle
        implements SmartLifecycle, DisposableBean, EnvironmentAware, BeanClassLoaderAware {

    /** The bean name. */
    public static final String BEAN_NAME = "ipcResourceLifecycle";

    /** Starts first and stops last. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;

    private static final Log logger = LogFactory.getLog(IpcResourceLifecycle.class);

    private final OwnerRecords records;

    private final List<Opened> opened = new ArrayList<>();

    private volatile boolean running;

    private Environment environment = new StandardEnvironment();

    private @Nullable ClassLoader classLoader;

    /** The declarations of this run by kind and key, bound when the first bean asks. */
    private @Nullable Map<String, IpcResourceDeclaration> declared;

    public IpcResourceLifecycle() {
        this(OwnerRecords.forCurrentUser());
    }

    IpcResourceLifecycle(OwnerRecords records) {
        this.records = records;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The factory method of the resource beans: opens the resource that the properties of this
     * run declare as {@code ipc.<kind>.<key>}. The bean definitions name only kind and key, so
     * that AOT processing can write them as code; names, sizes and modes are read now.
     * @param kind the map under {@code ipc.}, e.g. {@code queues}
     * @param key the key in that map, which is also the bean name
     * @throws InvalidIpcPropertyException if the properties of this run do not declare it, which
     * happens only to an application processed ahead of time with other properties
     */
    synchronized IpcResource openDeclared(String kind, String key) {
        if (this.declared == null) {
            Map<String, IpcResourceDeclaration> declared = new LinkedHashMap<>();
            IpcResourceRegistrar.declarations(this.environment, this.classLoader)
                .forEach((declaration) -> declared.put(declaration.propertyPath(), declaration));
            this.declared = declared;
        }
        String path = "ipc." + kind + "." + key;
        IpcResourceDeclaration declaration = this.declared.get(path);
        if (declaration == null) {
            throw new InvalidIpcPropertyException(path, "(not set)",
                    "is missing, but it was declared when the application was processed ahead of time, which "
                            + "fixed its bean '" + key + "'.",
                    "Declare " + path + " again, or run the AOT processing again with the properties of this run.");
        }
        return open(declaration);
    }

    /**
     * Opens a declared resource and records this process as its user.
     * @throws IpcResourceOpenException naming the declaration if the core refuses
     */
    public synchronized IpcResource open(IpcResourceDeclaration declaration) {
        if (!declaration.kind().persistent()) {
            return openProcessBound(declaration);
        }
        String id = declaration.objectId();
        try {
            return this.records.locked(() -> {
                List<OwnerRecord> dead = new ArrayList<>();
                List<OwnerRecord> live = new ArrayList<>();
                for (OwnerRecord record : this.records.read(id)) {
                    if (!record.isAlive()) {
                        dead.add(record);
                    }
                    else if (!record.isSelf()) {
                        live.add(record);
                    }
                }
                StaleObjectRecovery.Decision decision = StaleObjectRecovery.decide(declaration, dead, live);
                IpcResource resource = declaration.kind().open(declaration, decision.create());
                dead.forEach(this.records::delete);
                if (decision.message() != null) {
                    logger.warn(declaration.propertyPath() + ": " + declaration.description() + " was "
                            + decision.message());
                }
                if (decision.inheritOwnership()) {
                    this.records.markPendingRemoval(id);
                }
                this.records.add(id, declaration.key(), resource.isOwned());
                this.opened.add(new Opened(declaration, resource));
                logger.debug("Opened " + declaration.description() + " as bean '" + declaration.key() + "'"
                        + (resource.isOwned() ? " (created)" : ""));
                return resource;
            });
        }
        catch (IpcException ex) {
            throw new IpcResourceOpenException(declaration, ex);
        }
    }

    /** A child-process pipe: started now, stopped on close; no name, no records, nothing to remove. */
    private IpcResource openProcessBound(IpcResourceDeclaration declaration) {
        try {
            IpcResource resource = declaration.kind().open(declaration, declaration.create());
            this.opened.add(new Opened(declaration, resource));
            logger.debug("Started " + declaration.description() + " as bean '" + declaration.key() + "'");
            return resource;
        }
        catch (IpcException ex) {
            throw new IpcResourceOpenException(declaration, ex);
        }
    }

    /** The resources opened so far, in creation order. */
    public synchronized List<IpcResource> resources() {
        return Collections.unmodifiableList(this.opened.stream().map(Opened::resource).toList());
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        releaseAll();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Not stopped by a pause ({@code ConfigurableApplicationContext.pause()}, which Spring's test
     * context cache applies to contexts not in use): stopping closes and removes the resources,
     * and the restart that follows a pause could not give the beans their objects back.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public void destroy() {
        releaseAll();
    }

    private synchronized void releaseAll() {
        for (int i = this.opened.size() - 1; i >= 0; i--) {
            Opened entry = this.opened.get(i);
            try {
                release(entry.declaration(), entry.resource());
            }
            catch (RuntimeException ex) {
                logger.warn("Could not release " + entry.declaration().description() + " ("
                        + entry.declaration().propertyPath() + ")", ex);
            }
        }
        this.opened.clear();
    }

    private void release(IpcResourceDeclaration declaration, IpcResource resource) {
        resource.close();
        if (!declaration.kind().persistent()) {
            return;
        }
        String id = declaration.objectId();
        this.records.locked(() -> {
            this.records.remove(id, declaration.key());
            List<OwnerRecord> others = new ArrayList<>();
            // A creator that died (SIGKILL) after we opened can no longer remove what it made:
            // its live peers inherit the duty, and the last of them removes it.
            boolean creatorDied = false;
            for (OwnerRecord record : this.records.read(id)) {
                if (!record.isAlive()) {
                    creatorDied |= record.owner();
                    this.records.delete(record);
                }
                else {
                    others.add(record);
                }
            }
            boolean remove = switch (declaration.cleanup()) {
                case ALWAYS -> true;
                case NEVER -> false;
                case OWNED -> resource.isOwned() || creatorDied || this.records.isPendingRemoval(id);
            };
            if (remove && !others.isEmpty()) {
                this.records.markPendingRemoval(id);
                logger.info(declaration.description() + " (" + declaration.propertyPath()
                        + ") is still used by process " + others.get(0).pid() + ": the last user removes it");
            }
            else if (remove) {
                resource.unlink();
                this.records.forget(id);
                logger.debug("Removed " + declaration.description());
            }
            else if (others.isEmpty()) {
                this.records.forget(id);
            }
            return null;
        });
    }

    private record Opened(IpcResourceDeclaration declaration, IpcResource resource) {
    }
}
