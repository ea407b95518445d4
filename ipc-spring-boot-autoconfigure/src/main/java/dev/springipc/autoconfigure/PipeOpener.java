package dev.springipc.autoconfigure;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcPipe;
import dev.springipc.core.IpcResource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Starts the child of an {@code ipc.pipes.<key>} entry. Its stderr lines go to the logger
 * {@code dev.springipc.pipe.<key>} at INFO.
 */
final class PipeOpener {

    /** Prefix of the per-pipe stderr loggers. */
    static final String STDERR_LOGGER = "dev.springipc.pipe.";

    private PipeOpener() {
    }

    static IpcResource open(IpcProperties.Pipe entry, IpcResourceDeclaration declaration, CreateMode create) {
        String path = declaration.propertyPath();
        if (entry.getCommand().isEmpty() || entry.getCommand().get(0).isBlank()) {
            throw new InvalidIpcPropertyException(path + ".command", entry.getCommand(),
                    "does not name a program to run.", "Set " + path + ".command to the program and its arguments, "
                            + "e.g. command: [python3, score.py].");
        }
        Log stderr = LogFactory.getLog(STDERR_LOGGER + declaration.key());
        return IpcPipe.builder(entry.getCommand())
            .framing(entry.getFraming())
            .maxFrameSize(IpcResourceKind.toInt(entry.getMaxFrameSize()))
            .restart(entry.getRestart())
            .restartBackoff(entry.getRestartBackoff())
            .stopTimeout(entry.getStopTimeout())
            .sendTimeout(entry.getSendTimeout())
            .stderr(stderr::info)
            .open();
    }
}
