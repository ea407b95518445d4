package dev.springipc.messaging;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcAlreadyExistsException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcShmQueue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The temporary reply queues of {@link IpcTemplate}: a shared-memory ring per template,
 * {@code /<namespace>.reply.<pid>.<start millis>.<n>}, mode 0600, that its requests name as
 * reply-to ({@code shm:/<namespace>.reply.…}) so the listener side opens it without any
 * configuration.
 * <p>
 * Why a shm ring: it lives in {@code /dev/shm}, where a later start can find the rings of a
 * killed requester by name and remove them (the POSIX queue filesystem is not always mounted);
 * it takes many producers and the one consumer a reply queue has; and it is not bound by the
 * small per-user POSIX queue limits. Why the name: pid and start time say whether its owner
 * still runs, and the namespace keeps a listener from being steered into anything but the reply
 * rings of its own applications.
 */
final class IpcTemporaryReplyQueues {

    private static final Log logger = LogFactory.getLog(IpcTemporaryReplyQueues.class);

    /** How the reply-to header names a temporary reply queue. */
    static final String SCHEME = "shm:";

    static final int MAX_MESSAGES = 64;

    static final int MAX_MESSAGE_SIZE = 64 * 1024;

    static final int MODE = 0600;

    /** Start times come from clock ticks: allow for rounding when comparing them. */
    private static final long START_TOLERANCE_MILLIS = 1000;

    private static final Path SHM_DIRECTORY = Path.of("/dev/shm");

    private static final AtomicInteger counter = new AtomicInteger();

    private IpcTemporaryReplyQueues() {
    }

    /** Creates a new temporary reply queue of this process in {@code namespace}. */
    static IpcShmQueue create(String namespace) {
        ProcessHandle self = ProcessHandle.current();
        for (int attempt = 0;; attempt++) {
            String name = "/" + namespace + ".reply." + self.pid() + "." + startMillis(self) + "."
                    + counter.incrementAndGet();
            try {
                return builder(name).create(CreateMode.CREATE_ONLY).open();
            }
            catch (IpcAlreadyExistsException ex) {
                if (attempt >= 3) {
                    throw ex; // someone else holds our names: never reply through a ring we did not create
                }
            }
        }
    }

    /** Opens the temporary reply queue a request named as reply-to, checked to be one of {@code namespace}'s. */
    static IpcShmQueue open(String replyTo, String namespace) {
        String name = replyTo.substring(SCHEME.length());
        if (parse(name.substring(1), namespace) == null) {
            throw new IllegalArgumentException("The reply-to '" + replyTo + "' is not a temporary reply queue of"
                    + " namespace '" + namespace + "' (shm:/" + namespace + ".reply.<pid>.<start>.<n>): replies go only"
                    + " to declared destinations and to the temporary reply queues of this namespace");
        }
        return builder(name).create(CreateMode.OPEN_ONLY).open();
    }

    static boolean isTemporary(String key) {
        return key.startsWith(SCHEME);
    }

    /** Whether the named ring is still in {@code /dev/shm} (its requester has not closed it). */
    static boolean exists(String replyTo) {
        return Files.exists(SHM_DIRECTORY.resolve(replyTo.substring(SCHEME.length() + 1)));
    }

    /** Removes the temporary reply queues of {@code namespace} whose process is gone; returns how many. */
    static int reclaimStale(String namespace) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(SHM_DIRECTORY, namespace + ".reply.*")) {
            for (Path entry : entries) {
                Owner owner = parse(entry.getFileName().toString(), namespace);
                if (owner != null && !owner.isAlive() && Files.deleteIfExists(entry)) {
                    removed++;
                    logger.info("Removed the temporary reply queue /" + entry.getFileName() + " of process "
                            + owner.pid() + ", which is gone");
                }
            }
        }
        catch (IOException ex) {
            logger.warn("Could not look for stale temporary reply queues of namespace '" + namespace + "'", ex);
        }
        return removed;
    }

    private static IpcMessageQueue.ShmBuilder builder(String name) {
        return IpcMessageQueue.shm(name).maxMessages(MAX_MESSAGES).maxMessageSize(MAX_MESSAGE_SIZE).mode(MODE);
    }

    private static @Nullable Owner parse(String fileName, String namespace) {
        Matcher matcher = Pattern.compile(Pattern.quote(namespace) + "\\.reply\\.(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,9})")
            .matcher(fileName);
        return matcher.matches() ? new Owner(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)))
                : null;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** The process a temporary reply queue's name says created it. */
    private record Owner(long pid, long startMillis) {

        boolean isAlive() {
            return ProcessHandle.of(this.pid)
                .filter(ProcessHandle::isAlive)
                .map((process) -> this.startMillis == 0 || IpcTemporaryReplyQueues.startMillis(process) == 0
                        || Math.abs(IpcTemporaryReplyQueues.startMillis(process) - this.startMillis)
                                <= START_TOLERANCE_MILLIS)
                .orElse(false);
        }
    }
}
