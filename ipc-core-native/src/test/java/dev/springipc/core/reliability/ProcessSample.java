package dev.springipc.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds, read from {@code /proc/self}: open file descriptors, memory mappings and
 * threads. Sampled over a soak, these must stay flat: a leak per message would grow with the run.
 */
record ProcessSample(long fds, long mappings, long threads) {

    static ProcessSample now() {
        return new ProcessSample(count(Path.of("/proc/self/fd")), lines(Path.of("/proc/self/maps")), threadCount());
    }

    /** As a child prints it: {@code fds maps threads}. */
    String format() {
        return this.fds + " " + this.mappings + " " + this.threads;
    }

    static ProcessSample parse(String fields) {
        String[] words = fields.trim().split(" ");
        return new ProcessSample(Long.parseLong(words[0]), Long.parseLong(words[1]), Long.parseLong(words[2]));
    }

    /**
     * The descriptors, but for listings of this very directory: this one's, and another thread's
     * sample taken at the same moment (the soak's samplers overlap at its end).
     */
    private static long count(Path directory) {
        Path listing = Path.of("/proc/" + ProcessHandle.current().pid() + "/fd");
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter((entry) -> !listing.equals(target(entry))).count();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where a descriptor points, or null if it closed while being looked at. */
    private static Path target(Path entry) {
        try {
            return Files.readSymbolicLink(entry);
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long threadCount() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter((line) -> line.startsWith("Threads:"))
                .mapToLong((line) -> Long.parseLong(line.substring("Threads:".length()).trim()))
                .findFirst()
                .orElseThrow();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
