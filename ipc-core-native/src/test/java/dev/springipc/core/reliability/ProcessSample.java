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

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            // Minus the descriptor of the listing itself.
            return entries.count() - 1;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
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
