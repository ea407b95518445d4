package dev.springipc.core.fifo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import dev.springipc.core.IpcInvalidNameException;

/**
 * Resolves a FIFO path before any system call: relative paths live in the configured
 * directory and no path may climb out with {@code ..}.
 */
final class FifoPaths {

    private FifoPaths() {
    }

    static Path resolve(Path directory, String path) {
        String resource = NamedFifo.KIND + " " + path;
        if (path.isBlank() || path.indexOf('\0') >= 0) {
            throw invalid(resource, path, "must be a non-empty path without NUL characters");
        }
        Path given;
        try {
            given = Path.of(path);
        }
        catch (InvalidPathException ex) {
            throw invalid(resource, path, "is not a valid path: " + ex.getReason());
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw invalid(resource, path, "contains '..'; a FIFO path may not climb out of its directory");
            }
        }
        Path base = directory.toAbsolutePath().normalize();
        Path resolved = base.resolve(given).normalize();
        if (!given.isAbsolute() && !resolved.startsWith(base)) {
            throw invalid(resource, path, "resolves outside the FIFO directory " + base);
        }
        if (resolved.getFileName() == null) {
            throw invalid(resource, path, "names no file");
        }
        return resolved;
    }

    private static IpcInvalidNameException invalid(String resource, String path, String rule) {
        return new IpcInvalidNameException(resource, null, 0, resource + ": invalid FIFO path '" + path + "': it " + rule);
    }
}
