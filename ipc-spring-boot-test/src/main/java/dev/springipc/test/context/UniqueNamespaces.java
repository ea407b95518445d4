package dev.springipc.test.context;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes namespaces unique on the host: the process id tells two JVMs apart, a counter two
 * contexts of one JVM.
 */
final class UniqueNamespaces {

    /**
     * Longest prefix kept. Object names are {@code /<namespace>.<key>}, and a POSIX semaphore's
     * file {@code sem.<namespace>.<key>} must fit NAME_MAX (255): with a 40-character prefix, a
     * pid and a counter, keys keep about 190 characters.
     */
    static final int MAX_PREFIX_LENGTH = 40;

    static final String DEFAULT_PREFIX = "ipc-test";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private UniqueNamespaces() {
    }

    /** {@code <prefix>-<pid>-<n>}, with {@code prefix} made safe for POSIX names. */
    static String next(String prefix) {
        return safe(prefix) + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    private static String safe(String prefix) {
        String safe = prefix.strip().replaceAll("[^A-Za-z0-9_.-]", "-");
        if (safe.length() > MAX_PREFIX_LENGTH) {
            safe = safe.substring(0, MAX_PREFIX_LENGTH);
        }
        // A name of only dots would make "/..": the core refuses it.
        return safe.replace(".", "").isEmpty() ? DEFAULT_PREFIX : safe;
    }
}
