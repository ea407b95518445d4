/**
 * Named pipes: creation and safe opening ({@code mkfifo}, no symlinks, nothing but a FIFO),
 * non-blocking ends with {@code poll}; the framings live in {@code support}, shared with pipes.
 */
@NullMarked
package dev.springipc.core.fifo;

import org.jspecify.annotations.NullMarked;
