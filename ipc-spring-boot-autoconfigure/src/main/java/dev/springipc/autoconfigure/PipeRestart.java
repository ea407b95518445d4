package dev.springipc.autoconfigure;

/**
 * When a pipe's child process is restarted.
 */
public enum PipeRestart {

    /** Never. */
    NEVER,

    /** When it exits with a non-zero status. */
    ON_FAILURE,

    /** Whenever it exits. */
    ALWAYS
}
