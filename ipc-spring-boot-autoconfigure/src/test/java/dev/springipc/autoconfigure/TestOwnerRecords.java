package dev.springipc.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Removes the owner records a test's namespace left: a passed run leaves none, but a failed one
 * (a child JVM killed half-way) would otherwise keep them for the next run.
 */
final class TestOwnerRecords {

    private TestOwnerRecords() {
    }

    static void forget(String namespace) throws IOException {
        Path records = OwnerRecords.forCurrentUser().root();
        if (!Files.isDirectory(records)) {
            return;
        }
        try (Stream<Path> entries = Files.list(records)) {
            for (Path entry : entries.filter((e) -> OwnerRecords.objectIdOf(e).contains(namespace)).toList()) {
                try (Stream<Path> files = Files.list(entry)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(entry);
            }
        }
    }
}
