package dev.springipc.autoconfigure;

/**
 * Which IPC objects are removed (unlinked) when the application stops.
 */
public enum CleanupPolicy {

    /** Remove what this process created; objects it only opened stay. The default. */
    OWNED,

    /** Remove every declared object, whoever created it. */
    ALWAYS,

    /** Remove nothing: objects outlive the application until removed or the host reboots. */
    NEVER
}
