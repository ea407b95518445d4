package dev.springipc.benchmarks;

import dev.springipc.core.IpcResource;

/** Cleanup helpers: removing a name twice, or after the peer did, is not an error here. */
final class Resources {

    private Resources() {
    }

    static void unlinkQuietly(IpcResource resource) {
        try {
            resource.unlink();
        }
        catch (RuntimeException ignored) {
            // Already gone (removed by an earlier cleanup step): nothing to do.
        }
    }
}
