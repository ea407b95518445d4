/**
 * Child-process pipes: a supervised child process, framed messages over its stdin and stdout,
 * stderr to a log sink, restart with back-off, and a stop that escalates from end-of-file to
 * SIGTERM to SIGKILL.
 */
@NullMarked
package dev.springipc.core.pipe;

import org.jspecify.annotations.NullMarked;
