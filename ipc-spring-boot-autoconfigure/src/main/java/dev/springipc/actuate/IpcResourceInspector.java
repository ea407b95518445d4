package dev.springipc.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;
import dev.springipc.core.IpcSysvMessageQueue;
import dev.springipc.core.Permissions;
import dev.springipc.listener.IpcListenerContainer;
import dev.springipc.listener.IpcListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Looks at one resource now: its status (the core's {@link IpcResource#check()}, the queue's
 * depth against the high-water mark, the listeners on it) and its figures, read live from the
 * kernel or the shared header. What the health contributor and the endpoint both show. Never
 * waits on a lock or semaphore: every figure is a stat-like call or a read of shared memory.
 */
public class IpcResourceInspector {

    /** Status of a usable resource. */
    public static final String UP = "UP";

    /** Status of a resource that vanished, was replaced, became inaccessible, or whose listener died. */
    public static final String DOWN = "DOWN";

    /** Status of a queue at or above its high-water mark: this instance should take no more work. */
    public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

    private final Supplier<Map<String, IpcResource>> resources;

    private final Supplier<@Nullable IpcListenerEndpointRegistry> listeners;

    private final Supplier<@Nullable IpcTrafficCounts> traffic;

    private final double highWaterMark;

    /**
     * @param resources the resources by key (bean name), looked up on each call
     * @param listeners the listener registry, or null when there is none
     * @param traffic the traffic counts, or null when nothing counts
     * @param highWaterMark the fraction of a queue's capacity ({@code 0 < mark <= 1}) at which it
     * reports {@link #OUT_OF_SERVICE}
     */
    public IpcResourceInspector(Supplier<Map<String, IpcResource>> resources,
            Supplier<@Nullable IpcListenerEndpointRegistry> listeners, Supplier<@Nullable IpcTrafficCounts> traffic,
            double highWaterMark) {
        if (!(highWaterMark > 0 && highWaterMark <= 1)) {
            throw new IllegalArgumentException("The queue high-water mark must be a fraction in (0, 1]: " + highWaterMark);
        }
        this.resources = resources;
        this.listeners = listeners;
        this.traffic = traffic;
        this.highWaterMark = highWaterMark;
    }

    /** The resources by key, in the order they were declared. */
    public Map<String, IpcResource> resources() {
        return this.resources.get();
    }

    /** The inspection of the resource with {@code key}, or null if there is none. */
    public @Nullable Inspection inspect(String key) {
        IpcResource resource = resources().get(key);
        return (resource != null) ? inspect(key, resource) : null;
    }

    /** Inspects {@code resource}, the bean {@code key}. */
    public Inspection inspect(String key, IpcResource resource) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("key", key);
        figures.put("kind", kind(resource));
        String type = type(resource);
        if (type != null) {
            figures.put("type", type);
        }
        figures.put("osName", resource.name());
        figures.put("owned", resource.isOwned());
        IpcResourceStatus check = resource.check();
        String status = check.isUsable() ? UP : DOWN;
        String reason = check.detail();
        if (check.isUsable()) {
            try {
                Permissions permissions = resource.permissions();
                figures.put("mode", permissions.modeString());
                figures.put("uid", permissions.uid());
                figures.put("gid", permissions.gid());
                addFigures(resource, figures);
            }
            catch (RuntimeException ex) {
                // It went away between the check and the reads.
                status = DOWN;
                reason = ex.getMessage();
            }
        }
        if (UP.equals(status) && resource instanceof IpcMessageQueue && figures.get("depth") instanceof Integer depth
                && figures.get("capacity") instanceof Integer capacity && capacity > 0
                && depth >= Math.ceil(capacity * this.highWaterMark)) {
            status = OUT_OF_SERVICE;
            reason = "high water: " + depth + " of " + capacity + " messages waiting (mark "
                    + Math.round(this.highWaterMark * 100) + "%)";
        }
        IpcTrafficCounts traffic = this.traffic.get();
        if (traffic != null && (resource instanceof IpcMessageQueue || figures.containsKey("path")
                || resource instanceof IpcPipe)) {
            figures.put("sent", traffic.sent(key));
            figures.put("received", traffic.received(key));
        }
        List<Map<String, Object>> listenerFigures = new ArrayList<>();
        IpcListenerEndpointRegistry registry = this.listeners.get();
        if (registry != null) {
            for (IpcListenerContainer container : registry.getListenerContainers()) {
                if (!container.getKey().equals(key)) {
                    continue;
                }
                Map<String, Object> listener = new LinkedHashMap<>();
                listener.put("id", container.getId());
                listener.put("running", container.isRunning());
                listener.put("concurrency", container.getConcurrency());
                listener.put("received", container.getReceivedCount());
                listener.put("failed", container.getFailedCount());
                listener.put("deadLettered", container.getDeadLetteredCount());
                listenerFigures.add(listener);
                if (registry.isRunning() && container.isAutoStartup() && !container.isRunning()
                        && !DOWN.equals(status)) {
                    status = DOWN;
                    reason = "listener '" + container.getId() + "' on '" + key + "' is not running";
                }
            }
        }
        if (!listenerFigures.isEmpty()) {
            figures.put("listeners", listenerFigures);
        }
        return new Inspection(key, status, reason, figures);
    }

    private static void addFigures(IpcResource resource, Map<String, Object> figures) {
        if (resource instanceof IpcSemaphore semaphore) {
            figures.put("value", semaphore.availablePermits());
        }
        else if (resource instanceof IpcMessageQueue queue) {
            figures.put("depth", queue.depth());
            figures.put("capacity", queue.capacity());
            figures.put("maxMessageSize", queue.maxMessageSize());
            if (queue instanceof IpcShmQueue ring) {
                figures.put("reclaimed", ring.reclaimed());
            }
            if (queue instanceof IpcSysvMessageQueue sysv) {
                figures.put("bytesWaiting", sysv.bytesWaiting());
                figures.put("maxBytes", sysv.maxBytes());
            }
        }
        else if (resource instanceof IpcSharedSegment segment) {
            figures.put("size", segment.size());
        }
        else if (resource instanceof IpcFifo fifo) {
            figures.put("path", fifo.path().toString());
            figures.put("framing", fifo.framing().name().toLowerCase(Locale.ROOT));
        }
        else if (resource instanceof IpcBarrier barrier) {
            figures.put("parties", barrier.parties());
            figures.put("waiting", barrier.numberWaiting());
            figures.put("broken", barrier.isBroken());
        }
        else if (resource instanceof IpcMutex mutex) {
            figures.put("ownerDeaths", mutex.ownerDeaths());
        }
        else if (resource instanceof IpcSpinLock spinLock) {
            figures.put("holderPid", spinLock.holderPid());
            figures.put("takeovers", spinLock.takeovers());
        }
        else if (resource instanceof IpcPipe pipe) {
            figures.put("running", pipe.isRunning());
            pipe.pid().ifPresent((pid) -> figures.put("pid", pid));
            figures.put("restarts", pipe.restarts());
        }
    }

    /** What a resource is, in the words of the {@code ipc.*} maps: {@link IpcResource#kindOf}. */
    public static String kind(IpcResource resource) {
        return IpcResource.kindOf(resource);
    }

    /** {@code posix}, {@code sysv} or {@code shm} for queues, {@code posix} or {@code sysv} for semaphores, else null. */
    public static @Nullable String type(IpcResource resource) {
        if (resource instanceof IpcShmQueue) {
            return "shm";
        }
        if (resource instanceof IpcSysvMessageQueue) {
            return "sysv";
        }
        if (resource instanceof IpcMessageQueue) {
            return "posix";
        }
        if (resource instanceof IpcSemaphore) {
            return resource.name().startsWith("key ") ? "sysv" : "posix";
        }
        return null;
    }

    /**
     * One resource as it is now.
     * @param key the key (bean name)
     * @param status {@link #UP}, {@link #DOWN} or {@link #OUT_OF_SERVICE}
     * @param reason why, e.g. {@code vanished: /dev/shm/demo.prices no longer exists}
     * @param figures the endpoint's fields: key, kind, type, osName, owned, mode, uid, gid and
     * the kind's live figures
     */
    public record Inspection(String key, String status, String reason, Map<String, Object> figures) {

        /** The endpoint's JSON object: the figures with {@code status} and {@code statusReason}. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>(this.figures);
            map.put("status", this.status);
            map.put("statusReason", this.reason);
            return map;
        }
    }
}
